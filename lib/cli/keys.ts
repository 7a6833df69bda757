import { parseArgs } from 'node:util'
import { rotateOrganisationKey } from '@/lib/dids/organisation-did'
import { createRuntime } from '@/lib/runtime'
import { UsageError } from './io'

type Out = { stdout: (s: string) => void; stderr: (s: string) => void }

export const KEYS_USAGE = `  rotate-key --org <slug> [--reason R]
        Add a new signing key to an organisation's did:web (key-N+1); older keys stay in its DID
        document, so what they signed still verifies. Prints the new verification method.
        Exit 0 done, 1 unknown organisation or no did:web (not approved yet), 2 usage.
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
