import { listShares } from '@/lib/portfolio/service'
import { countExperiences } from '@/lib/profile/repository'
import type { Runtime } from '@/lib/runtime'
import { listMyStories, type Actor } from '@/lib/stories/service'
import { assertYouth, type WalletView } from './service'

// The three first things a young person does after activating the account, shown on the wallet's
// first screen until all are done (issue 12, point 4): write a piece of the path, ask someone for
// an attestation (or already have one), share the portfolio once.

export interface FirstSteps {
  /** At least one experience written in the profile. */
  path: boolean
  /** A skill story sent to someone to attest (whatever came of it), or a credential from someone else in the wallet. */
  attestation: boolean
  /** A portfolio shared at least once (even one since revoked or expired). */
  share: boolean
}

/** `wallet`: the wallet the page already read (listWalletCards), so that it is not read twice. */
export async function getFirstSteps(rt: Pick<Runtime, 'db'>, user: Actor, wallet: WalletView): Promise<FirstSteps> {
  assertYouth(user)
  const [experiences, stories, shares] = await Promise.all([countExperiences(rt.db, user.id), listMyStories(rt, user), listShares(rt, user)])
  const received = [...wallet.visible, ...wallet.hidden].some((c) => c.evidenceLevel !== 'self_declared')
  return {
    path: experiences > 0,
    attestation: received || stories.some((s) => s.requestedAt !== null || s.status === 'attested'),
    share: shares.length > 0,
  }
}

export const allDone = (steps: FirstSteps) => steps.path && steps.attestation && steps.share
