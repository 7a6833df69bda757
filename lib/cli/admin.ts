import { createInterface } from 'node:readline'
import { Writable } from 'node:stream'
import { parseArgs } from 'node:util'
import { createAdmin } from '@/lib/auth/admins'
import { createRuntime } from '@/lib/runtime'
import { UsageError } from './io'

// The first real admin of a deployment (docs/decisions/033-safe-first-start.md).

type Out = { stdout: (s: string) => void; stderr: (s: string) => void }

export const ADMIN_USAGE = `  admin create --username <u> --name <display name> [--password-stdin]
        Create an admin account (the first one of a new deployment, or another). The password is
        generated and printed once, or with --password-stdin read from standard input (its first
        line; typed without echo on a terminal). At least 10 characters. A username already used is refused.
        Exit 0 created, 1 refused (taken, too short…), 2 usage.
`

/** `admin create …`. Exit 0 created, 1 refused (ValidationError, handled by the caller), 2 usage. */
export async function adminCommand(args: string[], out: Out): Promise<number> {
  const [sub, ...rest] = args
  if (sub !== 'create') throw new UsageError(sub === undefined ? 'admin needs a command: create' : `Unknown admin command "${sub}"`)
  let values: { username?: string; name?: string; 'password-stdin'?: boolean }
  try {
    values = parseArgs({
      args: rest, strict: true, allowPositionals: false,
      options: { username: { type: 'string' }, name: { type: 'string' }, 'password-stdin': { type: 'boolean' } },
    }).values
  } catch (e) {
    throw new UsageError((e as Error).message)
  }
  if (!values.username || !values.name) throw new UsageError('admin create needs --username and --name')
  const password = values['password-stdin'] ? await readPassword(out) : undefined
  const rt = await createRuntime()
  try {
    const admin = await createAdmin(rt, { username: values.username, displayName: values.name, password })
    out.stdout(`Admin "${admin.username}" created (${admin.admins} admin account${admin.admins === 1 ? '' : 's'} now). Sign in at ${rt.env.publicUrl}/sign-in\n`)
    if (admin.generated) out.stdout(`Password (shown once; keep it somewhere safe, or change it after signing in): ${admin.password}\n`)
    return 0
  } finally {
    await rt.db.destroy()
  }
}

/** The first line of standard input; on a terminal, asked for and typed without echo. */
async function readPassword(out: Out): Promise<string> {
  const tty = Boolean(process.stdin.isTTY)
  if (tty) out.stderr('Password for the new admin (not shown as you type): ')
  // On a terminal readline would echo each key: its output goes nowhere instead.
  const silent = new Writable({ write: (_chunk, _enc, done) => done() })
  const lines = createInterface({ input: process.stdin, output: tty ? silent : undefined, terminal: tty })
  try {
    for await (const line of lines) {
      if (tty) out.stderr('\n')
      return line.replace(/\r$/, '')
    }
  } finally {
    lines.close()
  }
  throw new UsageError('--password-stdin: standard input was empty')
}
