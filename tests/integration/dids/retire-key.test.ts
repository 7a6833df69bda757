import { rmSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createUser } from '@/lib/auth/service'
import type { SessionUser } from '@/lib/auth/sessions'
import type { IssuedCredential } from '@/lib/credentials/issue'
import { getCheck } from '@/lib/credentials/verify/result'
import { serveDidDocument } from '@/lib/dids/http'
import { readEnv } from '@/lib/env'
import { listIssuedCredentials } from '@/lib/issuing/queries'
import { issueForOrganisation } from '@/lib/issuing/service'
import { getOrganisationOrThrow } from '@/lib/orgs/service'
import { createRuntime, type Runtime } from '@/lib/runtime'
import { getStatusListCredential } from '@/lib/status/list-credential'
import { verifyOnInstance } from '@/lib/verification/service'
import { cliOnFreshData } from '../../helpers/cli'
import { createApprovedOrganisation } from '../../factories/world'
import { sessionUser } from '../issuer/_world'

// `npm run vc -- retire-key` in a real CLI process (decision 020): a withdrawn key leaves the DID
// document's assertionMethod, what it signed fails `proof` with KEY_RETIRED in both formats, the
// newest key cannot be retired, and the issuer's list marks what to issue again.
const { dataDir, env, vc } = cliOnFreshData('tremplin-retire-')
const DID = 'did:web:tremplin.test:orgs:ml'
let rt: Runtime
let holder: string
let counsellor: SessionUser
const before: Partial<Record<'di' | 'jwt', IssuedCredential>> = {}
let listBefore: Record<string, unknown>

const claims = { skill: { name: 'Planifier' }, level: 'autonomous', criteria: 'A organisé le tournoi de quartier de bout en bout.' }
const issue = async (format: 'di' | 'jwt') => issueForOrganisation(rt, { organisation: await getOrganisationOrThrow(rt, 'ml'), templateId: 'skill-badge', subjectDid: holder, claims, format })
type Doc = { verificationMethod: { id: string; revoked?: string }[]; assertionMethod: string[]; authentication: string[] }
const didDocument = async () => (await serveDidDocument(rt, 'ml')).json() as Promise<Doc>

beforeAll(async () => {
  rt = await createRuntime(readEnv(env))
  const org = await createApprovedOrganisation(rt, { slug: 'ml', name: 'Mission Locale', kind: 'youth_support' })
  holder = (await createUser(rt, { role: 'youth', username: 'alice', displayName: 'Alice', organisationId: org.id })).did!
  counsellor = await sessionUser(rt, (await createUser(rt, { role: 'counsellor', username: 'claire', displayName: 'Claire', organisationId: org.id })).id)
  before.di = await issue('di')
  before.jwt = await issue('jwt')
  listBefore = (await getStatusListCredential(rt, { orgSlug: 'ml', purpose: 'revocation', listNumber: 1 }))!.credential
}, 120_000)

afterAll(async () => {
  await rt.db.destroy()
  rmSync(dataDir, { recursive: true, force: true })
})

describe('retire-key', () => {
  test('refuses to retire the only key (the one that signs): rotate first', async () => {
    const r = await vc('retire-key', '--org', 'ml', '--key', 'key-1', '--reason', 'volé')
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/newest key.*rotate first/)
    expect((await didDocument()).assertionMethod).toEqual([`${DID}#key-1`])
  })

  test('after a rotation, retires key-1: listed as revoked since then, gone from assertionMethod and authentication', async () => {
    expect((await vc('rotate-key', '--org', 'ml')).code).toBe(0)
    const r = await vc('retire-key', '--org', 'ml', '--key', 'key-1', '--reason', 'ordinateur volé')
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toContain(`Retired ${DID}#key-1`)
    const doc = await didDocument()
    expect(doc.verificationMethod.map((m) => m.id)).toEqual([`${DID}#key-1`, `${DID}#key-2`])
    expect(doc.verificationMethod[0]!.revoked).toMatch(/^\d{4}-\d{2}-\d{2}T/)
    expect(doc.verificationMethod[1]!.revoked).toBeUndefined()
    expect(doc.assertionMethod).toEqual([`${DID}#key-2`])
    expect(doc.authentication).toEqual([`${DID}#key-2`])
    const org = await getOrganisationOrThrow(rt, 'ml')
    const events = await rt.db.selectFrom('organisation_events').selectAll().where('organisation_id', '=', org.id).where('action', '=', 'key_retired').execute()
    expect(events).toEqual([expect.objectContaining({ actor: 'cli', reason: `retired ${DID}#key-1: ordinateur volé` })])
  })

  test.each(['di', 'jwt'] as const)('a %s credential signed with the retired key fails its proof with KEY_RETIRED and the date', async (format) => {
    const result = await verifyOnInstance(rt, { input: before[format]!.document })
    const retiredOn = (await didDocument()).verificationMethod[0]!.revoked!.slice(0, 10)
    expect(getCheck(result, 'proof')).toMatchObject({ status: 'failed', code: 'KEY_RETIRED', message: expect.stringContaining(`withdrew the key that signed this (${DID}#key-1) on ${retiredOn}`) })
    expect(result.verified).toBe(false)
  })

  test.each(['di', 'jwt'] as const)('a %s credential signed with the new key verifies, its status read from a list signed with the new key', async (format) => {
    const issued = await issue(format)
    const result = await verifyOnInstance(rt, { input: issued.document })
    expect(getCheck(result, 'proof')).toMatchObject({ status: 'passed', code: 'PROOF_VALID' })
    expect(getCheck(result, 'status')).toMatchObject({ status: 'passed' })
    expect(result.verified).toBe(true)
  })

  test('status lists: the one served now is signed with key-2; a copy signed with key-1 fails KEY_RETIRED', async () => {
    const served = await getStatusListCredential(rt, { orgSlug: 'ml', purpose: 'revocation', listNumber: 1 })
    expect(served!.credential).toMatchObject({ proof: { verificationMethod: `${DID}#key-2` } })
    expect(getCheck(await verifyOnInstance(rt, { input: JSON.stringify(served!.credential) }), 'proof')).toMatchObject({ status: 'passed' })
    expect(listBefore).toMatchObject({ proof: { verificationMethod: `${DID}#key-1` } })
    expect(getCheck(await verifyOnInstance(rt, { input: JSON.stringify(listBefore) }), 'proof')).toMatchObject({ status: 'failed', code: 'KEY_RETIRED' })
  })

  test('the issuer’s list says how many to issue again and marks exactly those rows', async () => {
    const list = await listIssuedCredentials(rt, counsellor)
    expect(list.needReissue).toBe(2)
    const marked = list.items.filter((i) => i.keyRetiredAt).map((i) => i.id).sort()
    expect(marked).toEqual([before.di!.id, before.jwt!.id].sort())
    expect(list.items.length).toBe(4)
  })

  test('refuses the newest key, an already retired key, an unknown key; usage errors exit 2', async () => {
    const newest = await vc('retire-key', '--org', 'ml', '--key', 'key-2', '--reason', 'x')
    expect(newest.code).toBe(1)
    expect(newest.stderr).toMatch(/rotate first/)
    const again = await vc('retire-key', '--org', 'ml', '--key', 'key-1', '--reason', 'x')
    expect(again.code).toBe(1)
    expect(again.stderr).toMatch(/already retired/)
    const unknown = await vc('retire-key', '--org', 'ml', '--key', 'key-9', '--reason', 'x')
    expect(unknown.code).toBe(1)
    for (const args of [['retire-key', '--org', 'ml', '--key', 'key-1'], ['retire-key', '--org', 'ml', '--key', 'k1', '--reason', 'x'], ['retire-key', '--org', 'ml', '--reason', 'x']]) {
      const r = await vc(...args)
      expect(r.code, args.join(' ')).toBe(2)
      expect(r.stderr).toContain('retire-key')
    }
  })
})
