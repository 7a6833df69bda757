import { parseArgs } from 'node:util'
import { retireOrganisationKey, rotateOrganisationKey } from '@/lib/orgs/did-web'
import { createRuntime } from '@/lib/runtime'
import { UsageError } from './io'

type Out = { stdout: (s: string) => void; stderr: (s: string) => void }

export const KEYS_USAGE = `  rotate-key --org <slug> [--reason R]
        Add a new signing key to an organisation's did:web (key-N+1); older keys stay in its DID
        document, so what they signed still verifies. Prints the new verification method.
        Exit 0 done, 1 unknown organisation or no did:web (not approved yet), 2 usage.
  retire-key --org <slug> --key key-N --reason R
        Withdraw a compromised key: it leaves the DID document's assertionMethod and authentication
        (listed as revoked since now), and what it signed fails its proof (KEY_RETIRED). The newest
        key cannot be retired: rotate first. The issuer's list shows what to re-issue.
        Exit 0 done, 1 refused (unknown organisation or key, newest key, already retired), 2 usage.
`

/**
 * `rotate-key --org <slug> [--reason R]`: the organisation's newest key signs from now on.
 * Exit 0 done, 1 refused (AppError, handled by the caller), 2 usage.
 */
export async function rotateKeyCommand(args: string[], out: Out): Promise<number> {
  let values: { org?: string; reason?: string }
  try {
    values = parseArgs({ args, options: { org: { type: 'string' }, reason: { type: 'string' } }, strict: true, allowPositionals: false }).values
  } catch (e) {
    throw new UsageError((e as Error).message)
  }
  if (!values.org) throw new UsageError('rotate-key needs --org <slug>')
  const rt = await createRuntime()
  try {
    const rotated = await rotateOrganisationKey(rt, { slug: values.org, actor: 'cli', reason: values.reason })
    out.stdout(`New key ${rotated.verificationMethod.id} for ${rotated.did}; older keys stay listed.\n`)
    out.stdout(JSON.stringify(rotated.verificationMethod, null, 2) + '\n')
    return 0
  } finally {
    await rt.db.destroy()
  }
}

/**
 * `retire-key --org <slug> --key key-N --reason R`: withdraws a compromised key.
 * Exit 0 done, 1 refused (AppError, handled by the caller), 2 usage.
 */
export async function retireKeyCommand(args: string[], out: Out): Promise<number> {
  let values: { org?: string; key?: string; reason?: string }
  try {
    values = parseArgs({ args, options: { org: { type: 'string' }, key: { type: 'string' }, reason: { type: 'string' } }, strict: true, allowPositionals: false }).values
  } catch (e) {
    throw new UsageError((e as Error).message)
  }
  if (!values.org || !values.key || !values.reason?.trim()) throw new UsageError('retire-key needs --org <slug> --key key-N --reason R')
  if (!/^key-[1-9][0-9]{0,5}$/.test(values.key)) throw new UsageError('retire-key: --key is a key fragment such as key-1')
  if (values.reason.length > 500) throw new UsageError('retire-key: --reason is at most 500 characters')
  const rt = await createRuntime()
  try {
    const retired = await retireOrganisationKey(rt, { slug: values.org, fragment: values.key, reason: values.reason.trim(), actor: 'cli' })
    out.stdout(`Retired ${retired.did}#${retired.fragment} on ${retired.retiredAt}: what it signed no longer verifies (KEY_RETIRED).\n`)
    out.stdout('The issuer\'s list of issued credentials marks the ones to issue again.\n')
    return 0
  } finally {
    await rt.db.destroy()
  }
}
