/**
 * Bench section (e) of issue 11: one skill badge issued to each of 1,000 young people of a pilot
 * action, through the product's own path (lib/bulk/service.ts: a selection batch previewed, then
 * `issueNextChunk` called until done, as the page does), end to end: credential rows, bulk rows and
 * status-list entries committed. The peer is what a developer writes in an afternoon: a loop of
 * raw `@digitalbazaar/vc` `issue` calls on the same credential, with no database at all.
 *
 * Run alone: `npx tsx tests/bench/issuing.ts` (BENCH_ISSUING_N=200 for a shorter run; BENCH_QUICK=1:
 * 50 badges). The target (≤ 10 s for 1,000) is judged on the time scaled to 1,000.
 */
import { randomUUID } from 'node:crypto'
import { resolve } from 'node:path'
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey'
import { DataIntegrityProof } from '@digitalbazaar/data-integrity'
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite'
import * as vc from '@digitalbazaar/vc'
import { createUser } from '@/lib/auth/service'
import { createSession, findSessionUser, type SessionUser } from '@/lib/auth/sessions'
import { issueNextChunk, previewSelectionBatch } from '@/lib/bulk/service'
import { documentLoader } from '@/lib/credentials/document-loader'
import { verify } from '@/lib/credentials/verify'
import { closeProofWorkers } from '@/lib/issuing/prove-pool'
import { addPilotMembers, createPilot } from '@/lib/pilots/service'
import { createTestRuntime } from '../factories/runtime'
import { createApprovedOrganisation } from '../factories/world'
import { issuerLookup } from '@/lib/orgs/service'
import { instanceDidResolver } from '@/lib/verification/service'

type Rt = Awaited<ReturnType<typeof createTestRuntime>>

export interface BenchRow { label: string; ms: number; target?: string; met?: boolean }

const TARGET_MS = 10_000

const VALUES = {
  skill: 'Travail en équipe',
  level: 'practising',
  criteria: "A tenu l'accueil du magasin deux semaines, avec calme.",
  language: 'fr',
}

/** Issues one badge to each of `n` young people of a pilot through the bulk service; returns the timings. */
export async function runIssuingBench(n = Number(process.env.BENCH_ISSUING_N ?? (process.env.BENCH_QUICK === '1' ? 50 : 1000))): Promise<BenchRow[]> {
  const rt = await createTestRuntime()
  try {
    const org = await createApprovedOrganisation(rt, { slug: 'bench-pilot', name: 'Mission Locale Bench', kind: 'youth_support' })
    const c = await createUser(rt, { role: 'counsellor', username: 'bench-counsellor', displayName: 'C', organisationId: org.id })
    const counsellor = (await findSessionUser(rt, (await createSession(rt, c.id)).token))!
    const pilot = await createPilot(rt, counsellor, { name: 'Bench pilot', description: '', region: 'Hauts-de-France', startsOn: '2027-01-01', endsOn: '2027-06-30' })
    const youthIds = await createYoungPeople(rt, org.id, n)
    await addPilotMembers(rt, counsellor, pilot.id, youthIds)

    // As the product runs (every proof on the main thread), then with proof workers on the other
    // core(s) (ISSUE_WORKERS, opt-in; their start-up counted: the first chunk starts them).
    const workers = Number(process.env.BENCH_ISSUE_WORKERS ?? 2)
    const product = await issueToAll({ ...rt, env: { ...rt.env, issueWorkers: 0 } }, counsellor, pilot.id, youthIds)
    const pooled = await issueToAll({ ...rt, env: { ...rt.env, issueWorkers: workers } }, counsellor, pilot.id, youthIds)
    const sample = await rt.db.selectFrom('credentials').select('document').limit(1).executeTakeFirstOrThrow()
    const r = await verify({ input: sample.document, lookupIssuer: issuerLookup(rt), resolveDid: instanceDidResolver(rt) })
    if (!r.verified) throw new Error('bulk bench: an issued badge does not verify')

    const peerMs = await peerIssue(JSON.parse(sample.document) as Record<string, unknown>, n)
    const total = product.preview + product.issue
    const rows: BenchRow[] = [
      { label: `bulk: preview ${n} rows (selection)`, ms: product.preview },
      { label: `bulk: ${n} badges end to end`, ms: total, target: `≤ ${TARGET_MS / 1000} s for 1,000`, met: total * (1000 / n) <= TARGET_MS },
      { label: 'bulk: per badge', ms: total / n },
      { label: `bulk: ${n} badges, ISSUE_WORKERS=${workers}`, ms: pooled.preview + pooled.issue },
      { label: `peer: raw @digitalbazaar/vc issue × ${n}`, ms: peerMs },
      { label: 'peer: per badge', ms: peerMs / n },
    ]
    for (const row of rows) console.log(`${row.label.padEnd(50)} ${row.ms.toFixed(row.ms < 100 ? 2 : 0).padStart(9)} ms${row.target ? `  target ${row.target}: ${row.met ? 'met' : 'NOT met'}` : ''}`)
    console.log(`${'ratio bulk / peer'.padEnd(50)} ${(total / peerMs).toFixed(2).padStart(9)} ×   (ISSUE_WORKERS=${workers}: ${((pooled.preview + pooled.issue) / peerMs).toFixed(2)} ×)`)
    return rows
  } finally {
    await closeProofWorkers()
    await rt.cleanup()
  }
}

/** A selection batch for everyone, previewed then issued chunk by chunk as the page does; checked committed. */
async function issueToAll(rt: Rt, counsellor: SessionUser, pilotId: string, youthIds: string[]) {
  const t0 = performance.now()
  const { batchId } = await previewSelectionBatch(rt, counsellor, { pilotId, userIds: youthIds, values: VALUES })
  const t1 = performance.now()
  let progress = await issueNextChunk(rt, counsellor, batchId)
  while (progress.status !== 'done') progress = await issueNextChunk(rt, counsellor, batchId)
  const t2 = performance.now()
  if (progress.issued !== youthIds.length || progress.failed !== 0) throw new Error(`bulk bench: ${JSON.stringify(progress)}`)
  await checkCommitted(rt, batchId, youthIds.length)
  return { preview: t1 - t0, issue: t2 - t1 }
}

/** Every row of the batch issued, with its credential and that credential's two status entries. */
async function checkCommitted(rt: Rt, batchId: string, n: number) {
  const ids = (await rt.db.selectFrom('bulk_rows').select('credential_id').where('batch_id', '=', batchId).where('status', '=', 'issued').execute()).map((r) => r.credential_id!)
  const credentials = await rt.db.selectFrom('credentials').select('id').where('id', 'in', ids).execute()
  const entries = await rt.db.selectFrom('status_entries').select('credential_id').where('credential_id', 'in', ids).execute()
  if (ids.length !== n || credentials.length !== n || entries.length !== 2 * n) throw new Error('bulk bench: rows not all committed')
}

/** `n` young people of the organisation, each a real user with a did:key wallet (written directly: setup, not measured). */
async function createYoungPeople(rt: Rt, organisationId: string, n: number): Promise<string[]> {
  const rows = []
  for (let i = 0; i < n; i++) {
    const id = randomUUID()
    rows.push({
      id, email: null, username: `jeune${String(i).padStart(4, '0')}`, display_name: `Jeune ${i}`, role: 'youth' as const, organisation_id: organisationId,
      did: `did:key:${(await Ed25519Multikey.generate()).publicKeyMultibase}`, password_hash: null, locale: 'fr', created_at: new Date().toISOString(), activated_at: null,
    })
  }
  for (let i = 0; i < rows.length; i += 200) await rt.db.insertInto('users').values(rows.slice(i, i + 200)).execute()
  return rows.map((r) => r.id)
}

/** A developer's afternoon: a fresh Ed25519 key and `vc.issue` in a loop, the same credential, the same contexts. */
async function peerIssue(signed: Record<string, unknown>, n: number): Promise<number> {
  const { proof: _proof, ...credential } = signed
  const key = await Ed25519Multikey.generate({ controller: 'did:example:issuer' })
  key.id = 'did:example:issuer#key-1'
  const suite = () => new DataIntegrityProof({ signer: key.signer(), cryptosuite: eddsaRdfc2022 })
  await vc.issue({ credential: { ...credential, issuer: { ...(credential.issuer as object), id: 'did:example:issuer' } }, suite: suite(), documentLoader })
  const t = performance.now()
  for (let i = 0; i < n; i++) {
    await vc.issue({ credential: { ...credential, id: `urn:uuid:${randomUUID()}`, issuer: { ...(credential.issuer as object), id: 'did:example:issuer' } }, suite: suite(), documentLoader })
  }
  return performance.now() - t
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) await runIssuingBench()
