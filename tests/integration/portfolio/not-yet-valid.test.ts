import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { createTranslator, NextIntlClientProvider } from 'next-intl'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { CredentialCard, type Translate } from '@/app/_components/credential-card'
import { issueForOrganisation } from '@/lib/issuing/service'
import { createShare } from '@/lib/portfolio/service'
import { sharedPresentationFile, viewSharedPortfolio } from '@/lib/portfolio/view'
import type { CardVerdict } from '@/lib/verification/card-verdict'
import type { CredentialCardDto } from '@/lib/wallet/cards'
import en from '@/messages/en'
import fr from '@/messages/fr'
import { DAY_MS, HOUR_MS, isoSeconds, msAfter } from '../../factories/clock'
import { createTestRuntime } from '../../factories/runtime'
import { createWalletWorld } from '../wallet/fixtures'

// A share holding a credential that is not valid yet at the view's clock (the issuer's clock runs
// ahead, or an imported credential is dated later) still opens: the presentation is signed and
// verified, only that credential's `validity` fails (NOT_YET_VALID), and its card says so in words.
// Before, @digitalbazaar/vc's createPresentation threw on it and the recruiter page broke.

type Rt = Awaited<ReturnType<typeof createTestRuntime>>
let rt: Rt
let w: Awaited<ReturnType<typeof createWalletWorld>>
let token: string
let early: { di: string; jwt: string }
/** The view's clock: the world's, an hour on. The early credentials are dated a day after it. */
let viewAt: Date

const render = (locale: 'fr' | 'en', card: CredentialCardDto, verdict?: CardVerdict) => {
  const t = createTranslator({ locale, messages: locale === 'fr' ? fr : en, namespace: 'portfolio' }) as unknown as Translate
  const element = createElement(CredentialCard, { card, t, locale, verdict })
  return renderToStaticMarkup(createElement(NextIntlClientProvider, { locale, messages: locale === 'fr' ? fr : en, timeZone: 'Europe/Paris', children: element })).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')
}

beforeAll(async () => {
  rt = await createTestRuntime()
  w = await createWalletWorld(rt)
  viewAt = msAfter(w.now, HOUR_MS)
  const dated = msAfter(viewAt, DAY_MS)
  const issue = (format: 'di' | 'jwt') =>
    issueForOrganisation(rt, { organisation: w.org, templateId: 'skill-badge', subjectDid: w.alice.did, claims: w.claims.minimalEn, format, now: dated })
  early = { di: (await issue('di')).id, jwt: (await issue('jwt')).id }
  const alice = { id: w.alice.id, role: 'youth' }
  token = (await createShare(rt, alice, { credentialIds: [w.badge.id, early.di, w.jwtBadge.id, early.jwt], about: '', label: 'En avance', expiresInDays: 30 }, w.now)).token
})
afterAll(() => rt.cleanup())

describe('a share holding a credential not valid yet', () => {
  test('the recruiter view opens: the presentations verify, only those credentials fail validity (NOT_YET_VALID)', async () => {
    const view = await viewSharedPortfolio(rt, token, { now: viewAt })
    if (view.state !== 'active') throw new Error(view.state)
    expect(view.formats).toEqual(['di', 'jwt'])
    // The presentations themselves: signed by Alice, for this view's nonce.
    expect(view.result.checks.map((c) => [c.id, c.status])).toEqual(expect.arrayContaining([['proof', 'passed'], ['holder', 'passed'], ['challenge', 'passed']]))
    const validity = view.result.credentials!.map((r) => r.checks.find((c) => c.id === 'validity'))
    expect(validity.map((c) => [c?.status, c?.code])).toEqual([
      ['passed', 'IN_VALIDITY_PERIOD'], ['failed', 'NOT_YET_VALID'], ['passed', 'IN_VALIDITY_PERIOD'], ['failed', 'NOT_YET_VALID'],
    ])
    // Nothing else is held against them: their signatures hold.
    for (const r of view.result.credentials!) expect(r.checks.find((c) => c.id === 'proof')?.status).toBe('passed')
    expect(view.result.credentials!.map((r) => r.verified)).toEqual([true, false, true, false])
    // A portfolio holding a credential not valid now is not shown as wholly verified.
    expect(view.result.verified).toBe(false)
    expect(view.cards.map((c) => c.status)).toEqual(['valid', 'notYetValid', 'valid', 'notYetValid'])
  })

  test('its card says “not valid yet”, and from when, in both languages', async () => {
    const view = await viewSharedPortfolio(rt, token, { now: viewAt })
    if (view.state !== 'active') throw new Error(view.state)
    const card = view.cards[1]!
    expect(card).toMatchObject({ status: 'notYetValid', statusSince: card.issuedAt })
    const day = (locale: string) => new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(card.issuedAt))
    expect(render('fr', card)).toContain(`Pas encore valable Valable seulement à partir du ${day('fr')}`)
    expect(render('en', card)).toContain(`Not valid yet Valid only from ${day('en')}`)
    expect(render('en', view.cards[0]!)).not.toContain('Not valid yet')
    // On the recruiter's page the card carries its own verdict: not verified, why, and from when.
    expect(view.verdicts[1]).toEqual({ kind: 'notValid', severity: 'failed', problems: ['notYetValid'] })
    expect(render('en', card, view.verdicts[1])).toContain(`Not verified It only becomes valid later. Valid only from ${day('en')}`)
    expect(view.verdicts[0]).toEqual({ kind: 'valid' })
  })

  test('once its day has come, the same share verifies whole', async () => {
    const view = await viewSharedPortfolio(rt, token, { now: msAfter(viewAt, 2 * DAY_MS) })
    if (view.state !== 'active') throw new Error(view.state)
    expect(view.result.verified).toBe(true)
    expect(view.cards.map((c) => c.status)).toEqual(['valid', 'valid', 'valid', 'valid'])
  })

  test('the presentation file is still signed for download', async () => {
    const file = await sharedPresentationFile(rt, token, 'di', viewAt)
    const vp = JSON.parse(file.body)
    expect(vp.verifiableCredential.map((c: { id: string }) => c.id)).toEqual([w.badge.id, early.di])
    expect(vp.proof).toMatchObject({ proofPurpose: 'authentication' })
  })
})

describe('a share holding a credential that expired since it was shared', () => {
  test('the recruiter view opens too (the same library check threw on it): validity EXPIRED, the card says expired', async () => {
    const claims = { ...w.claims.minimalEn, validUntil: isoSeconds(msAfter(w.now, DAY_MS)) }
    const short = await issueForOrganisation(rt, { organisation: w.org, templateId: 'skill-badge', subjectDid: w.alice.did, claims, now: w.now })
    const shared = await createShare(rt, { id: w.alice.id, role: 'youth' }, { credentialIds: [w.badge.id, short.id], about: '', label: 'Court', expiresInDays: 30 }, w.now)
    const view = await viewSharedPortfolio(rt, shared.token, { now: msAfter(w.now, 2 * DAY_MS) })
    if (view.state !== 'active') throw new Error(view.state)
    expect(view.result.checks.find((c) => c.id === 'proof')?.status).toBe('passed')
    expect(view.result.credentials!.map((r) => r.checks.find((c) => c.id === 'validity')?.code)).toEqual(['IN_VALIDITY_PERIOD', 'EXPIRED'])
    expect(view.cards.map((c) => c.status)).toEqual(['valid', 'expired'])
  })
})
