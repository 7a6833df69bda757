import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest'
import { createUser } from '@/lib/auth/service'
import { issueForOrganisation } from '@/lib/issuing/service'
import { setRuntime } from '@/lib/runtime'
import { reset } from '@/lib/security/rate-limit'
import { changeCredentialStatus } from '@/lib/status/service'
import { importCredentials, importedRowId, type ImportResult } from '@/lib/wallet/import'
import { IMPORT_MAX_BYTES } from '@/lib/wallet/import-input'
import { createTestRuntime } from '../../factories/runtime'
import { createApprovedOrganisation } from '../../factories/world'
import { cookieJar, outcome, signInAs, signOut } from '../../helpers/next-mocks'
import { createWalletWorld, form } from './fixtures'
import { createForeignIssuer, type ForeignIssuer } from './foreign-issuer'

// Importing credentials received elsewhere (decision 011): real SQLite, real signatures by a key
// that no instance knows (a did:key generated here) and by another organisation of this one.

vi.mock('next/headers', async () => (await import('../../helpers/next-mocks')).nextHeaders)
vi.mock('next/cache', async () => (await import('../../helpers/next-mocks')).nextCache)

const { importAction } = await import('@/app/(youth)/wallet/import/actions')

type Rt = Awaited<ReturnType<typeof createTestRuntime>>
let rt: Rt
let w: Awaited<ReturnType<typeof createWalletWorld>>
let foreign: ForeignIssuer
/** The young person's identifier in another wallet: not Alice's did:key here. */
const ELSEWHERE_DID = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK'

const alice = () => ({ id: w.alice.id, role: 'youth' })
const rowOf = (id: string) => rt.db.selectFrom('credentials').selectAll().where('id', '=', id).executeTakeFirst()
const countRows = async () => Number((await rt.db.selectFrom('credentials').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)
const items = (r: ImportResult) => {
  if (!r.ok) throw new Error(`import refused as a whole: ${r.error}`)
  return r.items
}
const only = (r: ImportResult) => {
  const list = items(r)
  expect(list).toHaveLength(1)
  return list[0]!
}

beforeAll(async () => {
  rt = await createTestRuntime()
  setRuntime(rt)
  w = await createWalletWorld(rt)
  foreign = await createForeignIssuer()
})
afterAll(() => rt.cleanup())
beforeEach(async () => {
  cookieJar.clear()
  // Each test starts with Alice's hourly import allowance whole (the limit has its own test).
  await reset(rt, `import:${w.alice.id}`)
})

describe('importing one credential', () => {
  test('a Data Integrity badge signed by an unknown did:key is added, stored exactly as pasted, with its result at import', async () => {
    const credential = await foreign.issueDi({ name: 'Accueillir le public', subjectDid: w.alice.did, validUntil: '2030-01-01T00:00:00Z' })
    const pasted = `\n  ${JSON.stringify(credential, null, 4)}\n`
    const now = new Date('2026-11-28T10:00:00Z')
    const item = only(await importCredentials(rt, alice(), pasted, { now }))
    expect(item).toMatchObject({ position: 1, outcome: 'added', title: 'Accueillir le public', warnings: ['unknownIssuer', 'statusUnchecked'] })
    expect(item.result.verified).toBe(true)
    expect(item.result.checks.find((c) => c.id === 'holder')).toMatchObject({ status: 'passed', code: 'SUBJECT_IS_HOLDER' })

    const row = await rowOf(item.walletId!)
    expect(row).toMatchObject({
      holder_user_id: w.alice.id, origin: 'imported', issuer_organisation_id: null, issued_by_user_id: null,
      issuer_did: foreign.did, subject_did: w.alice.did, format: 'di', title: 'Accueillir le public',
      valid_from: '2026-01-15T09:00:00Z', valid_until: '2030-01-01T00:00:00Z', imported_at: now.toISOString(), template_id: 'unknown',
    })
    expect(row!.document).toBe(pasted.trim())
    expect(JSON.parse(row!.import_verification!)).toEqual(item.result)
    // The wallet row id is derived from the holder and the credential's own id, which stays in the document.
    expect(item.walletId).toBe(importedRowId(w.alice.id, `id:${credential.id}`))
    expect(JSON.parse(row!.document).id).toBe(credential.id)
  })

  test('a VC-JWT issued to another identifier is added with that warning, stored as the compact JWT', async () => {
    const jwt = await foreign.issueJwt({ name: 'Animer un atelier', subjectDid: ELSEWHERE_DID })
    const item = only(await importCredentials(rt, alice(), jwt))
    expect(item).toMatchObject({ outcome: 'added', title: 'Animer un atelier', subject: ELSEWHERE_DID })
    expect(item.warnings).toEqual(['otherIdentifier', 'unknownIssuer', 'statusUnchecked'])
    expect(item.result.checks.find((c) => c.id === 'holder')).toMatchObject({
      status: 'unchecked', code: 'SUBJECT_OTHER_IDENTIFIER', details: { subject: ELSEWHERE_DID, holder: w.alice.did },
    })
    expect(await rowOf(item.walletId!)).toMatchObject({ format: 'jwt', document: jwt, subject_did: ELSEWHERE_DID, issuer_did: foreign.did, origin: 'imported' })
  })

  test('a credential from another organisation of this instance is known, its status checked against its own list', async () => {
    const other = await createApprovedOrganisation(rt, { slug: 'afpa-test', name: 'AFPA Test', kind: 'training' })
    const issued = await issueForOrganisation(rt, { organisation: other, templateId: 'skill-badge', subjectDid: ELSEWHERE_DID, claims: w.claims.minimalEn })
    const item = only(await importCredentials(rt, alice(), issued.document))
    expect(item.outcome).toBe('added')
    expect(item.warnings).toEqual(['otherIdentifier'])
    expect(item.result.checks.find((c) => c.id === 'issuer')).toMatchObject({ status: 'passed', code: 'ISSUER_KNOWN' })
    expect(item.result.checks.find((c) => c.id === 'status')).toMatchObject({ status: 'passed', code: 'STATUS_VALID' })
    // Its row is Alice's import, not the issued row (which is nobody's: the subject has no wallet here).
    expect(item.walletId).not.toBe(issued.id)
  })

  test('an expired credential is added, with the expired warning', async () => {
    const credential = await foreign.issueDi({ name: 'Premiers secours', subjectDid: w.alice.did, validFrom: '2024-01-01T00:00:00Z', validUntil: '2025-01-01T00:00:00Z' })
    const item = only(await importCredentials(rt, alice(), JSON.stringify(credential)))
    expect(item).toMatchObject({ outcome: 'added', warnings: ['unknownIssuer', 'expired', 'statusUnchecked'] })
    expect(item.result.verified).toBe(false)
    expect(item.result.checks.find((c) => c.id === 'validity')).toMatchObject({ status: 'failed', code: 'EXPIRED' })
  })
})

describe('what is refused', () => {
  test('a tampered Data Integrity credential: its signature fails; nothing is stored', async () => {
    const credential = await foreign.issueDi({ name: 'Cuisiner', subjectDid: w.alice.did }) as Record<string, any>
    credential.credentialSubject.achievement.name = 'Chef étoilé'
    const before = await countRows()
    const item = only(await importCredentials(rt, alice(), JSON.stringify(credential)))
    expect(item).toMatchObject({ outcome: 'refused', reason: 'signature', title: 'Chef étoilé', warnings: [] })
    expect(item.result.checks.find((c) => c.id === 'proof')).toMatchObject({ status: 'failed', code: 'PROOF_INVALID' })
    expect(item.walletId).toBeUndefined()
    expect(await countRows()).toBe(before)
  })

  test('a VC-JWT with another credential’s signature (forged): refused', async () => {
    const a = await foreign.issueJwt({ name: 'A', subjectDid: w.alice.did })
    const b = await foreign.issueJwt({ name: 'B', subjectDid: w.alice.did })
    const forged = `${a.split('.').slice(0, 2).join('.')}.${b.split('.')[2]}`
    expect(only(await importCredentials(rt, alice(), forged))).toMatchObject({ outcome: 'refused', reason: 'signature' })
  })

  test('a credential its issuer revoked: refused as withdrawn', async () => {
    const issued = await issueForOrganisation(rt, { organisation: w.org, templateId: 'skill-badge', subjectDid: ELSEWHERE_DID, claims: w.claims.minimalEn })
    await changeCredentialStatus(rt, { credentialId: issued.id, action: 'revoke', reason: 'Erreur', by: 'cli' })
    const item = only(await importCredentials(rt, alice(), issued.document))
    expect(item).toMatchObject({ outcome: 'refused', reason: 'revoked' })
    expect(item.result.checks.find((c) => c.id === 'status')).toMatchObject({ status: 'failed', code: 'STATUS_REVOKED' })
  })

  test('a duplicate: the same credential again, twice in one import, or one issued here already in the wallet', async () => {
    const jwt = await foreign.issueJwt({ name: 'Tenir une caisse', subjectDid: w.alice.did })
    const first = only(await importCredentials(rt, alice(), jwt))
    expect(first.outcome).toBe('added')
    const again = only(await importCredentials(rt, alice(), `  ${jwt}\n`))
    expect(again).toMatchObject({ outcome: 'refused', reason: 'duplicate', walletId: first.walletId })

    const other = await foreign.issueJwt({ name: 'Ranger un stock', subjectDid: w.alice.did })
    const twice = items(await importCredentials(rt, alice(), `${other}\n${other}`))
    expect(twice.map((i) => [i.outcome, i.reason])).toEqual([['added', undefined], ['refused', 'duplicate']])

    // Alice's own badge, downloaded from her wallet and pasted back.
    const own = only(await importCredentials(rt, alice(), w.badge.document))
    expect(own).toMatchObject({ outcome: 'refused', reason: 'duplicate', walletId: w.badge.id })
  })

  test('a credential without an id is told apart by its content: the same one twice is a duplicate', async () => {
    const credential = await foreign.issueDi({ name: 'Sans identifiant', subjectDid: w.alice.did, withoutId: true })
    expect(credential.id).toBeUndefined()
    expect(only(await importCredentials(rt, alice(), JSON.stringify(credential))).outcome).toBe('added')
    expect(only(await importCredentials(rt, alice(), JSON.stringify(credential, null, 2)))).toMatchObject({ outcome: 'refused', reason: 'duplicate' })
  })

  test('two young people may import the same credential: two rows, no collision', async () => {
    const jwt = await foreign.issueJwt({ name: 'Partagé', subjectDid: ELSEWHERE_DID })
    const a = only(await importCredentials(rt, alice(), jwt))
    const m = only(await importCredentials(rt, { id: w.mallory.id, role: 'youth' }, jwt))
    expect([a.outcome, m.outcome]).toEqual(['added', 'added'])
    expect(a.walletId).not.toBe(m.walletId)
  })

  test('what is not a credential: a JSON object, a presentation inside a list, a JWT without "vc"', async () => {
    const vp = { '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiablePresentation'] }
    const list = items(await importCredentials(rt, alice(), JSON.stringify([{ hello: 'world' }, vp, 42])))
    expect(list.map((i) => [i.outcome, i.reason])).toEqual([['refused', 'notCredential'], ['refused', 'notCredential'], ['refused', 'notCredential']])
    expect(list[0]!.result.checks[0]).toMatchObject({ id: 'input', status: 'failed', code: 'NOT_A_CREDENTIAL' })
    const jwt = `${Buffer.from('{"alg":"EdDSA"}').toString('base64url')}.${Buffer.from('{"iss":"did:key:x"}').toString('base64url')}.c2ln`
    expect(only(await importCredentials(rt, alice(), jwt))).toMatchObject({ outcome: 'refused', reason: 'notCredential' })
  })

  test('inputs refused as a whole, storing nothing: empty, not JSON, too big, too deep, too many, nothing inside', async () => {
    const before = await countRows()
    const credential = JSON.stringify(await foreign.issueDi({ name: 'X', subjectDid: w.alice.did }))
    const cases: [string, string, number?][] = [
      ['   \n', 'empty'],
      ['hello world', 'notReadable'],
      [`{"padding":"${'x'.repeat(IMPORT_MAX_BYTES)}"}`, 'tooLarge'],
      ['['.repeat(10_000) + ']'.repeat(10_000), 'tooDeep'],
      [`[${Array(21).fill(credential).join(',')}]`, 'tooMany', 21],
      ['[]', 'nothingFound'],
      [JSON.stringify({ '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiablePresentation'] }), 'nothingFound'],
    ]
    for (const [input, error, count] of cases) {
      expect(await importCredentials(rt, alice(), input), error).toEqual({ ok: false, error, ...(count ? { count } : {}) })
    }
    expect(await countRows()).toBe(before)
  })
})

describe('what an import may hold', () => {
  test('a JSON array of credentials, in both formats, each reported in order', async () => {
    const di = await foreign.issueDi({ name: 'Liste 1', subjectDid: w.alice.did })
    const jwt = await foreign.issueJwt({ name: 'Liste 2', subjectDid: w.alice.did })
    const list = items(await importCredentials(rt, alice(), JSON.stringify([di, jwt])))
    expect(list.map((i) => [i.position, i.title, i.outcome])).toEqual([[1, 'Liste 1', 'added'], [2, 'Liste 2', 'added']])
    expect((await rowOf(list[1]!.walletId!))?.document).toBe(jwt)
  })

  test('a presentation’s credentials (JSON VP and VP-JWT): the credentials are kept, not the presentation', async () => {
    const di = await foreign.issueDi({ name: 'Dans une VP', subjectDid: w.alice.did })
    const vp = { '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiablePresentation'], holder: ELSEWHERE_DID, verifiableCredential: [di] }
    expect(only(await importCredentials(rt, alice(), JSON.stringify(vp)))).toMatchObject({ outcome: 'added', title: 'Dans une VP' })

    const jwt = await foreign.issueJwt({ name: 'Dans une VP-JWT', subjectDid: w.alice.did })
    const vpJwt = `${Buffer.from('{"alg":"EdDSA","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify({ iss: ELSEWHERE_DID, vp: { '@context': ['https://www.w3.org/2018/credentials/v1'], type: ['VerifiablePresentation'], verifiableCredential: [jwt] } })).toString('base64url')}.c2ln`
    const item = only(await importCredentials(rt, alice(), vpJwt))
    expect(item).toMatchObject({ outcome: 'added', title: 'Dans une VP-JWT' })
    expect((await rowOf(item.walletId!))?.document).toBe(jwt)
  })

  test('a VC-API body { verifiableCredential }, a JSON string holding a JWT, several JWTs on separate lines', async () => {
    const di = await foreign.issueDi({ name: 'Corps VC-API', subjectDid: w.alice.did })
    expect(only(await importCredentials(rt, alice(), JSON.stringify({ verifiableCredential: di })))).toMatchObject({ outcome: 'added', title: 'Corps VC-API' })
    const quoted = await foreign.issueJwt({ name: 'Entre guillemets', subjectDid: w.alice.did })
    expect(only(await importCredentials(rt, alice(), JSON.stringify(quoted)))).toMatchObject({ outcome: 'added', title: 'Entre guillemets' })
    const lines = await Promise.all(['Ligne 1', 'Ligne 2', 'Ligne 3'].map((name) => foreign.issueJwt({ name, subjectDid: w.alice.did })))
    expect(items(await importCredentials(rt, alice(), lines.join('\r\n\n'))).map((i) => [i.title, i.outcome])).toEqual([['Ligne 1', 'added'], ['Ligne 2', 'added'], ['Ligne 3', 'added']])
  })
})

describe('who may import', () => {
  test('the service refuses every role but a young person', async () => {
    const jwt = await foreign.issueJwt({ name: 'Refusé', subjectDid: w.alice.did })
    for (const role of ['counsellor', 'tutor', 'recruiter', 'admin']) {
      await expect(importCredentials(rt, { id: w.counsellor.id, role }, jwt)).rejects.toMatchObject({ code: 'FORBIDDEN' })
    }
  })

  test('importAction adds to the signed-in young person’s own wallet, from pasted text or a file', async () => {
    await signInAs(rt, w.alice.id)
    const pasted = await foreign.issueJwt({ name: 'Collé', subjectDid: w.alice.did })
    const state = await importAction({ status: 'idle' }, form({ input: pasted }))
    expect(state).toMatchObject({ status: 'done', input: '' })
    if (state.status !== 'done') throw new Error()
    expect(await rowOf(state.items[0]!.walletId!)).toMatchObject({ holder_user_id: w.alice.id })

    const fromFile = form({ input: '' })
    fromFile.append('file', new File([JSON.stringify(await foreign.issueDi({ name: 'Fichier', subjectDid: w.alice.did }))], 'badge.json', { type: 'application/json' }))
    expect(await importAction({ status: 'idle' }, fromFile)).toMatchObject({ status: 'done', fileName: 'badge.json', items: [{ outcome: 'added', title: 'Fichier' }] })
  })

  test('importAction gives back what was pasted when the input is refused, or nothing was added', async () => {
    await signInAs(rt, w.alice.id)
    expect(await importAction({ status: 'idle' }, form({ input: 'pas une attestation' }))).toEqual({ status: 'error', error: 'notReadable', input: 'pas une attestation' })
    const tampered = (await foreign.issueJwt({ name: 'T', subjectDid: w.alice.did })).slice(0, -4) + 'AAAA'
    expect(await importAction({ status: 'idle' }, form({ input: tampered }))).toMatchObject({ status: 'done', input: tampered, items: [{ outcome: 'refused' }] })
    const wrongType = form({ input: 'gardé' })
    wrongType.append('file', new File(['%PDF'], 'badge.pdf', { type: 'application/pdf' }))
    expect(await importAction({ status: 'idle' }, wrongType)).toEqual({ status: 'error', error: 'fileType', input: 'gardé' })
  })

  test('importAction refuses counsellors, recruiters and admins, and sends visitors to sign in; nothing is stored', async () => {
    const admin = await createUser(rt, { role: 'admin', username: 'root', displayName: 'Admin' })
    const jwt = await foreign.issueJwt({ name: 'Interdit', subjectDid: w.alice.did })
    const before = await countRows()
    for (const user of [w.counsellor, w.recruiter, admin]) {
      await signInAs(rt, user.id)
      expect(await outcome(() => importAction({ status: 'idle' }, form({ input: jwt })))).toBe('forbidden')
    }
    signOut()
    expect(await outcome(() => importAction({ status: 'idle' }, form({ input: jwt })))).toBe('redirect:/sign-in')
    expect(await countRows()).toBe(before)
  })

  test('a young person may import at most 30 times an hour', async () => {
    const young = await createUser(rt, { role: 'youth', username: 'pressee', displayName: 'Pressée' })
    const now = new Date('2026-12-01T10:00:00Z')
    for (let i = 0; i < 30; i++) expect((await importCredentials(rt, young, '{"a":1}', { now })).ok).toBe(true)
    expect(await importCredentials(rt, young, '{"a":1}', { now })).toEqual({ ok: false, error: 'rateLimited' })
    expect((await importCredentials(rt, young, '{"a":1}', { now: new Date(now.getTime() + 3600e3) })).ok).toBe(true)
  })
})
