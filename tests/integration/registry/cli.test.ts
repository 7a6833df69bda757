import { rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { cliOnFreshData } from '../../helpers/cli'

// `npm run vc -- orgs …` and `registry …` as a user runs them: separate processes on a real data
// folder. Exit 0 done (or already so), 1 refused or invalid, 2 usage.
const { dataDir, vc } = cliOnFreshData('tremplin-registry-cli-')
afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

/** A holder DID to issue to: any did:key will do. */
const subject = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK'
/** Each command is a process of its own (a few seconds each on a busy machine). */
const SLOW = { timeout: 300_000 }

const json = (stdout: string) => JSON.parse(stdout.trim().split('\n').pop()!)

describe('npm run vc -- orgs', () => {
  test('create → pending (issuing refused) → approve → issues; suspend needs a reason; suspended → refused; approve again reinstates', SLOW, async () => {
    const created = await vc('orgs', 'create', '--slug', 'club-cli', '--name', 'Club CLI', '--kind', 'training', '--region', 'Nord')
    expect(created.code, created.stderr).toBe(0)
    expect(created.stdout).toContain('pending until approved')
    expect(json(created.stdout)).toMatchObject({ slug: 'club-cli', status: 'pending', region: 'Nord' })

    const list = await vc('orgs', 'list', '--json')
    expect(JSON.parse(list.stdout)).toEqual([expect.objectContaining({ slug: 'club-cli', status: 'pending', kind: 'training', approvedAt: null })])
    expect((await vc('orgs', 'list')).stdout).toMatch(/^club-cli\tpending\ttraining\tNord\t-\tClub CLI\tdid:/m)

    const refused = await vc('issue', '--org', 'club-cli', '--template', 'skill-badge', '--subject', subject, '--example')
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain('waiting for an administrator')

    const approved = await vc('orgs', 'approve', '--org', 'club-cli')
    expect(approved.code, approved.stderr).toBe(0)
    expect(approved.stdout).toContain('Approved club-cli')
    expect((await vc('orgs', 'approve', '--org', 'club-cli')).stdout).toContain('already approved: nothing changed')
    const issued = await vc('issue', '--org', 'club-cli', '--template', 'skill-badge', '--subject', subject, '--example')
    expect(issued.code, issued.stderr).toBe(0)
    const badge = join(dataDir, 'badge.json')
    writeFileSync(badge, issued.stdout)
    const verified = await vc('verify', badge)
    expect(verified.code).toBe(0)
    expect(JSON.parse(verified.stdout).checks.find((c: { id: string }) => c.id === 'issuer')).toMatchObject({ status: 'passed', code: 'ISSUER_KNOWN', details: { name: 'Club CLI', kind: 'training', region: 'Nord' } })

    expect((await vc('orgs', 'suspend', '--org', 'club-cli')).code).toBe(2)
    const suspended = await vc('orgs', 'suspend', '--org', 'club-cli', '--reason', 'Contrôle en cours')
    expect(suspended.code, suspended.stderr).toBe(0)
    expect(suspended.stdout).toContain('Suspended club-cli (Club CLI) (reason: Contrôle en cours)')
    expect((await vc('orgs', 'suspend', '--org', 'club-cli', '--reason', 'Encore')).stdout).toContain('already suspended: nothing changed')
    const failing = await vc('verify', badge)
    expect(failing.code).toBe(1)
    expect(JSON.parse(failing.stdout).checks.find((c: { id: string }) => c.id === 'issuer')).toMatchObject({ status: 'failed', code: 'ISSUER_SUSPENDED' })
    expect((await vc('issue', '--org', 'club-cli', '--template', 'skill-badge', '--subject', subject, '--example')).code).toBe(1)

    const reinstated = await vc('orgs', 'approve', '--org', 'club-cli')
    expect(reinstated.stdout).toContain('Reinstated club-cli')
    expect((await vc('verify', badge)).code).toBe(0)
  })

  test('refusals and usage: unknown organisation 1, suspending a pending one 1, a bad kind 1, missing options 2, the older `orgs --json` still works', SLOW, async () => {
    expect((await vc('orgs', 'approve', '--org', 'nope')).code).toBe(1)
    await vc('orgs', 'create', '--slug', 'still-pending', '--name', 'Still Pending', '--kind', 'employer')
    const early = await vc('orgs', 'suspend', '--org', 'still-pending', '--reason', 'Trop tôt')
    expect(early.code).toBe(1)
    expect(early.stderr).toContain('not approved')
    expect((await vc('orgs', 'create', '--slug', 'x1', '--name', 'X', '--kind', 'bakery')).code).toBe(1)
    expect((await vc('orgs', 'create', '--slug', 'x2')).code).toBe(2)
    expect((await vc('orgs', 'frobnicate')).code).toBe(2)
    const older = await vc('orgs', '--json')
    expect(older.code).toBe(0)
    expect(JSON.parse(older.stdout)).toEqual(expect.arrayContaining([expect.objectContaining({ slug: 'still-pending', name: 'Still Pending', did: expect.stringMatching(/^did:/) })]))
  })
})

describe('npm run vc -- registry', () => {
  test('load (name from --name or the file), re-load replaces, list, remove; a bad file is refused with every problem', SLOW, async () => {
    const file = join(dataDir, 'dcc-sandbox.json')
    writeFileSync(file, JSON.stringify({ meta: { created: '2022-10-27T17:57:31+00:00' }, registry: { 'did:key:z6MkA': { name: 'A' }, 'did:key:z6MkB': { name: 'B', url: 'https://b.example', location: 'Lyon' } } }))
    const loaded = await vc('registry', 'load', file, '--name', 'DCC Sandbox Registry')
    expect(loaded.code, loaded.stderr).toBe(0)
    expect(loaded.stdout).toContain('Loaded registry "DCC Sandbox Registry": 2 issuer(s)')
    const again = await vc('registry', 'load', file)
    expect(again.stdout).toContain('Loaded registry "dcc-sandbox": 2 issuer(s)')

    writeFileSync(file, JSON.stringify({ registry: { 'did:key:z6MkC': { name: 'C' } } }))
    const replaced = await vc('registry', 'load', file, '--name', 'DCC Sandbox Registry')
    expect(replaced.stdout).toContain('Replaced registry "DCC Sandbox Registry": 1 issuer(s) (was 2)')
    const list = await vc('registry', 'list', '--json')
    expect(JSON.parse(list.stdout).map((r: { name: string; entries: number; loadedBy: string }) => [r.name, r.entries, r.loadedBy])).toEqual([['DCC Sandbox Registry', 1, 'cli'], ['dcc-sandbox', 2, 'cli']])

    const bad = join(dataDir, 'bad.json')
    writeFileSync(bad, JSON.stringify({ registry: { 'not-a-did': { name: 'X' }, 'did:key:z6MkD': { url: 'https://d.example' } } }))
    const refused = await vc('registry', 'load', bad)
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain('/registry/not-a-did: invalidDid')
    expect(refused.stderr).toContain('/registry/did:key:z6MkD/name: nameMissing')

    expect((await vc('registry', 'remove', 'dcc-sandbox')).stdout).toContain('Removed registry "dcc-sandbox" (2 issuer(s))')
    expect((await vc('registry', 'remove', 'dcc-sandbox')).code).toBe(1)
    expect((await vc('registry', 'list')).stdout).toContain('DCC Sandbox Registry\t1 issuer(s)')
    expect((await vc('registry', 'load')).code).toBe(2)
    expect((await vc('registry', 'load', join(dataDir, 'missing.json'))).code).toBe(2)
    expect((await vc('registry')).code).toBe(2)
  })
})
