import { execFile } from 'node:child_process'
import { existsSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createUser } from '@/lib/auth/service'
import { createPresentation } from '@/lib/credentials/present'
import { serveDidDocument } from '@/lib/dids/http'
import { readEnv } from '@/lib/env'
import { issueForOrganisation } from '@/lib/issuing/service'
import { getOrganisationOrThrow } from '@/lib/orgs/service'
import { createRuntime } from '@/lib/runtime'
import { cliOnFreshData, repoRoot } from '../../helpers/cli'
import { independentDi, independentJwt } from '../../helpers/independent-verifiers'
import { createApprovedOrganisation } from '@/tests/factories/world'

// The CLI as a user runs it: a separate process (`tsx lib/cli/index.ts`, what `npm run vc` runs)
// on a real data folder.
const { dataDir, env, vc } = cliOnFreshData('tremplin-cli-')
const root = repoRoot

let holder: string
let stranger: string
/** What https://tremplin.test/orgs/ml/did.json serves (the route's handler, no network): for the independent verifiers. */
const published = new Map<string, unknown>()
const httpsGet = (url: string) => published.get(url)
const file = (name: string, content: string) => {
  const p = join(dataDir, name)
  writeFileSync(p, content)
  return p
}

beforeAll(async () => {
  const rt = await createRuntime(readEnv(env))
  await createApprovedOrganisation(rt, { slug: 'ml', name: 'Mission Locale', kind: 'youth_support' })
  holder = (await createUser(rt, { role: 'youth', username: 'alice', displayName: 'Alice' })).did!
  stranger = (await createUser(rt, { role: 'youth', username: 'mallory', displayName: 'Mallory' })).did!
  const org = await getOrganisationOrThrow(rt, 'ml')
  published.set('https://tremplin.test/orgs/ml/did.json', await (await serveDidDocument(rt, 'ml')).json())
  const claims = { skill: { name: 'Planifier' }, level: 'autonomous', criteria: 'A organisé le tournoi de quartier de bout en bout.' }
  const cred = await issueForOrganisation(rt, { organisation: org, templateId: 'skill-badge', subjectDid: holder, claims })
  // Mallory presents Alice's credential, signing with her own key: a stolen presentation, which
  // must not verify (decision 011), in both formats.
  const stolen = await createPresentation({ agent: rt.agent, holderDid: stranger, credentials: [cred.credential], challenge: 'c-1', domain: 'https://tremplin.test' })
  file('stolen-vp.json', stolen.document)
  const jwtCred = await issueForOrganisation(rt, { organisation: org, templateId: 'skill-badge', subjectDid: holder, claims, format: 'jwt' })
  const stolenJwt = await createPresentation({ agent: rt.agent, holderDid: stranger, credentials: [jwtCred.document], challenge: 'c-1', domain: 'https://tremplin.test', format: 'jwt' })
  file('stolen-vp.jwt', stolenJwt.document)
  const honest = await createPresentation({ agent: rt.agent, holderDid: holder, credentials: [cred.credential], challenge: 'c-1', domain: 'https://tremplin.test' })
  file('honest-vp.json', honest.document)
  await rt.db.destroy()
}, 120_000)

afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

describe('npm run vc', () => {
  test('orgs --json lists slug, name, DID and every DID it signs under, the current one first', async () => {
    const r = await vc('orgs', '--json')
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout)).toEqual([{ slug: 'ml', name: 'Mission Locale', did: 'did:web:tremplin.test:orgs:ml', dids: ['did:web:tremplin.test:orgs:ml', expect.stringMatching(/^did:key:z6Mk/)] }])
  })

  test('templates --json lists every template', async () => {
    const r = await vc('templates', '--json')
    expect(JSON.parse(r.stdout).map((t: { id: string }) => t.id).sort()).toEqual(['skill-badge', 'work-experience'])
  })

  test.each([
    ['skill-badge', 'di'], ['skill-badge', 'jwt'], ['work-experience', 'di'], ['work-experience', 'jwt'],
  ])('issue %s --example --format %s prints a credential that verify accepts (exit 0)', async (template, format) => {
    const issued = await vc('issue', '--org', 'ml', '--template', template, '--subject', holder, '--example', '--format', format)
    expect(issued.code, issued.stderr).toBe(0)
    // What the CLI prints verifies outside this project's code, with published packages only.
    if (format === 'jwt') {
      expect(issued.stdout.trim()).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/)
      expect((await independentJwt(issued.stdout.trim(), undefined, httpsGet)).verified).toBe(true)
    } else {
      expect(JSON.parse(issued.stdout).proof.cryptosuite).toBe('eddsa-rdfc-2022')
      const independent = await independentDi(JSON.parse(issued.stdout), undefined, httpsGet)
      expect(independent.verified, JSON.stringify(independent.error)).toBe(true)
    }
    const verified = await vc('verify', file(`${template}.${format}`, issued.stdout))
    expect(verified.code).toBe(0)
    const result = JSON.parse(verified.stdout)
    expect(result.verified).toBe(true)
    expect(result.checks.find((c: { id: string }) => c.id === 'issuer')).toMatchObject({ status: 'passed', code: 'ISSUER_KNOWN' })
  })

  test('issue with invalid claims lists each bad field and exits 1', async () => {
    const claims = file('bad-claims.json', JSON.stringify({ skill: { name: 'X' }, level: 'master' }))
    const r = await vc('issue', '--org', 'ml', '--template', 'skill-badge', '--subject', holder, '--claims', claims)
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('/skill/name')
    expect(r.stderr).toContain('/level')
    expect(r.stderr).toContain('/criteria')
  })

  test('verify exits 1 for a tampered credential and names the failed check', async () => {
    const issued = await vc('issue', '--org', 'ml', '--template', 'skill-badge', '--subject', holder, '--example')
    const tampered = JSON.parse(issued.stdout)
    tampered.credentialSubject.result[0].achievedLevel = 'urn:tremplin:level:expert'
    const r = await vc('verify', file('tampered.json', JSON.stringify(tampered)))
    expect(r.code).toBe(1)
    expect(JSON.parse(r.stdout).checks.find((c: { id: string }) => c.id === 'proof')).toMatchObject({ status: 'failed', code: 'PROOF_INVALID' })
  })

  test.each(['stolen-vp.json', 'stolen-vp.jwt'])('verify exits 1 for a stolen presentation (%s): the credential fails its holder check (SUBJECT_NOT_HOLDER)', async (name) => {
    const r = await vc('verify', join(dataDir, name), '--challenge', 'c-1', '--domain', 'https://tremplin.test')
    const result = JSON.parse(r.stdout)
    expect(result.checks.find((c: { id: string }) => c.id === 'proof')).toMatchObject({ status: 'passed' })
    expect(result.checks.find((c: { id: string }) => c.id === 'holder')).toMatchObject({ status: 'passed', code: 'HOLDER_SIGNED' })
    expect(result.credentials[0].checks.find((c: { id: string }) => c.id === 'holder')).toMatchObject({
      status: 'failed', code: 'SUBJECT_NOT_HOLDER', details: { subject: holder, holder: stranger },
    })
    expect(result.verified).toBe(false)
    expect(r.code).toBe(1)
  })

  test('verify checks the challenge it is given', async () => {
    const ok = await vc('verify', join(dataDir, 'honest-vp.json'), '--challenge', 'c-1', '--domain', 'https://tremplin.test')
    expect(ok.code).toBe(0)
    const replay = await vc('verify', join(dataDir, 'honest-vp.json'), '--challenge', 'c-2', '--domain', 'https://tremplin.test')
    expect(replay.code).toBe(1)
    expect(JSON.parse(replay.stdout).checks.find((c: { id: string }) => c.id === 'challenge').code).toBe('CHALLENGE_MISMATCH')
  })

  test('verify --at judges validity at that instant', async () => {
    const issued = await vc('issue', '--org', 'ml', '--template', 'skill-badge', '--subject', holder, '--example')
    // A day before it was issued (the CLI child runs on the same system clock as this test).
    const r = await vc('verify', file('at.json', issued.stdout), '--at', new Date(Date.now() - 86_400_000).toISOString())
    expect(r.code).toBe(1)
    expect(JSON.parse(r.stdout).checks.find((c: { id: string }) => c.id === 'validity').code).toBe('NOT_YET_VALID')
  })

  test.each([
    ['not JSON', 'hello', 'INPUT_NOT_JSON'],
    ['11 MB', 'x'.repeat(11 * 1024 * 1024), 'INPUT_TOO_LARGE'],
    ['10,000 deep', '['.repeat(10_000) + ']'.repeat(10_000), 'INPUT_TOO_DEEP'],
  ])('verify exits 2 on unusable input (%s)', async (name, content, code) => {
    const r = await vc('verify', file(`bad-${code}`, content))
    expect(r.code).toBe(2)
    expect(JSON.parse(r.stdout).checks[0]).toMatchObject({ id: 'input', status: 'failed', code })
  })

  test('verify reads standard input with -', async () => {
    const child = execFile(join(root, 'node_modules/.bin/tsx'), ['lib/cli/index.ts', 'verify', '-'], { cwd: root, env })
    child.stdin!.end('{"not":"a credential"}')
    const code = await new Promise<number>((res) => child.on('exit', (c) => res(c ?? -1)))
    expect(code).toBe(2)
  })

  test('token prints a new token once, and usage errors exit 2', async () => {
    const t = await vc('token', '--org', 'ml')
    expect(t.code).toBe(0)
    expect(t.stdout.trim()).toMatch(/^trm_[\w-]{43}$/)
    expect((await vc('token')).code).toBe(2)
    expect((await vc('frobnicate')).code).toBe(2)
    expect((await vc('token', '--org', 'nope')).code).toBe(1)
  })

  test('the data folder holds a 0600 master key and no plaintext private key', async () => {
    const { statSync, readFileSync } = await import('node:fs')
    expect(existsSync(join(dataDir, 'master.key'))).toBe(true)
    expect(statSync(join(dataDir, 'master.key')).mode & 0o777).toBe(0o600)
    const db = readFileSync(join(dataDir, 'tremplin.sqlite'))
    expect(db.includes(Buffer.from('privateKeyHex'))).toBe(false)
  })
}, 300_000)
