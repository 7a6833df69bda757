/**
 * One app instance for the scale-out tests: its own OS process, its own connection pool and its
 * own (empty) data folder, on the database DATABASE_URL names, with the deployment's MASTER_KEY —
 * what `npm start` on another machine would have. It runs one job with the app's own services and
 * prints the result as JSON on its last line.
 *   tsx _instance.ts issue-batch <actorUserId> <batchId>
 *   tsx _instance.ts sign-in <identifier> <password> <address>
 *   tsx _instance.ts session <token>
 *   tsx _instance.ts sign-out <token>
 *   tsx _instance.ts hit <key> <max> <times>
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { issueNextChunk } from '@/lib/bulk/service'
import { createSession, deleteSession, findSessionUser } from '@/lib/auth/sessions'
import { signIn } from '@/lib/auth/sign-in'
import { readEnv } from '@/lib/env'
import { createRuntime } from '@/lib/runtime'
import { hit } from '@/lib/security/rate-limit'

const [job, ...args] = process.argv.slice(2)
const dataDir = mkdtempSync(join(tmpdir(), 'tremplin-instance-'))
const rt = await createRuntime(readEnv({ ...process.env, DATA_DIR: dataDir, NODE_ENV: 'test' }))
try {
  let result: unknown
  switch (job) {
    case 'issue-batch': {
      const [actorId, batchId] = args as [string, string]
      const { token } = await createSession(rt, actorId)
      const actor = await findSessionUser(rt, token)
      if (!actor) throw new Error('no actor')
      let progress = await issueNextChunk(rt, actor, batchId, { maxRows: 5 })
      let chunks = 1
      while (progress.status !== 'done') {
        progress = await issueNextChunk(rt, actor, batchId, { maxRows: 5 })
        chunks++
      }
      result = { progress, chunks }
      break
    }
    case 'sign-in': {
      const [identifier, password, address] = args as [string, string, string]
      const user = await signIn(rt, { identifier, password, address })
      result = { userId: user.id, token: (await createSession(rt, user.id)).token }
      break
    }
    case 'session':
      result = { userId: (await findSessionUser(rt, args[0]))?.id ?? null }
      break
    case 'sign-out':
      await deleteSession(rt, args[0])
      result = { done: true }
      break
    case 'hit': {
      const [key, max, times] = [args[0]!, Number(args[1]), Number(args[2])]
      let allowed = 0
      for (let i = 0; i < times; i++) if ((await hit(rt, key, { max, windowMs: 600_000 })).allowed) allowed++
      result = { allowed }
      break
    }
    default:
      throw new Error(`unknown job ${job}`)
  }
  console.log(JSON.stringify(result))
} finally {
  await rt.db.destroy()
  rmSync(dataDir, { recursive: true, force: true })
}
