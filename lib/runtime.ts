import { migrateToLatest, openDatabase, type Db } from '@/db/client'
import { createVeramoAgent, type Agent } from './dids/agent'
import { loadMasterKey } from './dids/master-key'
import { readEnv, type Env } from './env'

/** What every service needs: the configuration, the one database client and the one agent. */
export interface Runtime {
  env: Env
  db: Db
  agent: Agent
}

/** Opens the database (migrating it), loads the master key and builds the agent. */
export async function createRuntime(env: Env = readEnv()): Promise<Runtime> {
  const db = openDatabase(env)
  await migrateToLatest(db)
  const masterKey = loadMasterKey({ dataDir: env.dataDir, masterKey: env.masterKey })
  return { env, db, agent: createVeramoAgent({ db, masterKey }) }
}

const globalRef = globalThis as unknown as { __tremplinRuntime?: Promise<Runtime> }

/** The process-wide runtime (one per server process; Next may load this module more than once). */
export function getRuntime(): Promise<Runtime> {
  globalRef.__tremplinRuntime ??= createRuntime().catch((e) => {
    globalRef.__tremplinRuntime = undefined
    throw e
  })
  return globalRef.__tremplinRuntime
}

/** Installs a runtime as the process-wide one (tests driving server actions, scripts). */
export function setRuntime(rt: Runtime): void {
  globalRef.__tremplinRuntime = Promise.resolve(rt)
}

/**
 * Closes the process-wide runtime's database, if one was opened (graceful shutdown), and forgets
 * it. Waits at most `timeoutMs`: a stuck connection must not hold the process up.
 * @returns whether a database was closed.
 */
export async function closeRuntime({ timeoutMs }: { timeoutMs: number }): Promise<boolean> {
  const runtime = globalRef.__tremplinRuntime
  if (!runtime) return false
  globalRef.__tremplinRuntime = undefined
  const rt = await runtime
  await Promise.race([rt.db.destroy(), new Promise((ok) => setTimeout(ok, timeoutMs).unref())])
  return true
}
