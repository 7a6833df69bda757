import { parseArgs, type ParseArgsConfig } from 'node:util'
import { createRuntime } from '@/lib/runtime'
import { changeCredentialStatus, type StatusAction } from '@/lib/status/service'
import { UsageError } from './io'

type Out = { stdout: (s: string) => void; stderr: (s: string) => void }

const DONE: Record<StatusAction, [string, string]> = {
  revoke: ['Revoked', 'was already revoked: nothing changed'],
  suspend: ['Suspended', 'was already suspended: nothing changed'],
  unsuspend: ['Suspension lifted for', 'was not suspended: nothing changed'],
}

/**
 * `revoke|suspend|unsuspend --id <credential id> [--reason R]`: changes a credential's status in
 * this instance's database and prints what changed. Exit 0 done (or already so), 1 unknown id or
 * refused (AppError, handled by the caller), 2 usage.
 */
export async function statusCommand(action: StatusAction, args: string[], out: Out): Promise<number> {
  let values: { id?: string; reason?: string }
  try {
    const options: ParseArgsConfig['options'] = action === 'unsuspend' ? { id: { type: 'string' } } : { id: { type: 'string' }, reason: { type: 'string' } }
    values = parseArgs({ args, options, strict: true, allowPositionals: false }).values as typeof values
  } catch (e) {
    throw new UsageError((e as Error).message)
  }
  if (!values.id) throw new UsageError(`${action} needs --id <credential id>`)
  const rt = await createRuntime()
  try {
    const change = await changeCredentialStatus(rt, { credentialId: values.id, action, reason: values.reason, by: 'cli' })
    const [done, already] = DONE[action]
    const reason = values.reason ? ` (reason: ${values.reason})` : ''
    out.stdout(change.changed ? `${done} ${change.credentialId}${reason}\n` : `${change.credentialId} ${already}\n`)
    out.stdout(JSON.stringify(change) + '\n')
    return 0
  } finally {
    await rt.db.destroy()
  }
}
