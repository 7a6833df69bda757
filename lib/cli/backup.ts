import { parseArgs } from 'node:util'
import { readEnv } from '@/lib/env'
import { backupSqlite, OpsError, type Counts } from '@/lib/ops/backup'
import { restoreSqlite } from '@/lib/ops/restore'
import { UsageError } from './io'

type Out = { stdout: (s: string) => void; stderr: (s: string) => void }

export const BACKUP_USAGE = `  backup <file>
        A consistent copy of the SQLite database while the server runs (SQLite's online backup
        API), into a new file (mode 0600: it holds personal data and the encrypted keys).
        The master key is NOT in it: keep a copy of DATA_DIR/master.key (or MASTER_KEY) apart.
        With DATABASE_URL (PostgreSQL): refused, use pg_dump (README, Backups).
        Exit 0 done, 1 refused (no database, file exists, PostgreSQL), 2 usage.
  restore <file> [--master-key <key file>]
        Restore a backup into an EMPTY data folder (DATA_DIR), with the master key of the instance
        it was made on (--master-key, copied in as master.key 0600, or MASTER_KEY); every private
        key is checked to decrypt first. Migrations run, as at npm start.
        Exit 0 done, 1 refused (folder not empty, no or wrong master key, not a backup), 2 usage.
`

const counted = (c: Counts) => `${c.organisations} organisations, ${c.users} accounts, ${c.credentials} credentials, ${c.status_lists} status lists, ${c.private_keys} private keys`

/** `backup <file>`. */
export async function backupCommand(args: string[], out: Out): Promise<number> {
  const [file] = positionals(args, {}, 'backup takes one file to write').positionals
  try {
    const report = await backupSqlite(readEnv(), file!)
    out.stdout(`Backup written: ${report.file} (${report.bytes} bytes, mode 0600): ${counted(report.counts)}.\n`)
    const key = report.masterKey
    out.stdout(key.source === 'env'
      ? `The master key is NOT in this backup: it is MASTER_KEY in this environment (${key.fingerprint}).\n`
        + 'Keep a copy of it apart from the backups: without it the keys in the backup cannot sign.\n'
      : `The master key is NOT in this backup: it is ${key.file}${key.fingerprint ? ` (${key.fingerprint})` : ''}.\n`
        + 'Copy that file once to a safe place apart from the backups (it does not change); a restore needs it:\n'
        + `  npm run vc -- restore ${report.file} --master-key <the copy>\n`)
    out.stdout('The backup holds personal data: store it encrypted, readable by the operators only.\n')
    return 0
  } catch (e) {
    return refused(e, out)
  }
}

/** `restore <file> [--master-key <file>]`. */
export async function restoreCommand(args: string[], out: Out): Promise<number> {
  const { values, positionals: [file] } = positionals(args, { 'master-key': { type: 'string' } }, 'restore takes one backup file')
  try {
    const env = readEnv()
    const report = await restoreSqlite(env, file!, { masterKeyFile: values['master-key'] })
    out.stdout(`Restored into ${report.dataDir}: ${counted(report.counts)}.\n`)
    out.stdout(`Master key ${report.masterKey.fingerprint} (${report.masterKey.source === 'env' ? 'MASTER_KEY: keep it set for npm start' : 'copied in as master.key, mode 0600'}) opens all ${report.keysChecked} private keys.\n`)
    if (report.migrated.length) out.stdout(`Migrations run: ${report.migrated.join(', ')}\n`)
    return 0
  } catch (e) {
    return refused(e, out)
  }
}

function positionals(args: string[], options: Record<string, { type: 'string' }>, message: string) {
  let parsed: { values: Record<string, string | undefined>; positionals: string[] }
  try {
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true }) as typeof parsed
  } catch (e) {
    throw new UsageError((e as Error).message)
  }
  if (parsed.positionals.length !== 1) throw new UsageError(message)
  return parsed
}

function refused(e: unknown, out: Out): number {
  if (!(e instanceof OpsError)) throw e
  out.stderr(`${e.message}\n`)
  return 1
}
