import { rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createUser } from '@/lib/auth/service'
import { readEnv } from '@/lib/env'
import { issueForOrganisation } from '@/lib/issuing/service'
import { getOrganisationOrThrow } from '@/lib/orgs/service'
import { createRuntime } from '@/lib/runtime'
import { cliOnFreshData } from '../../helpers/cli'
import { createApprovedOrganisation } from '@/tests/factories/world'

// `npm run vc -- revoke|suspend|unsuspend` as a user runs it: a separate process on a real data folder.
const { dataDir, env, vc } = cliOnFreshData('tremplin-status-cli-')

const ids: string[] = []
let credentialFile = ''

beforeAll(async () => {
  const rt = await createRuntime(readEnv(env))
  await createApprovedOrganisation(rt, { slug: 'ml', name: 'Mission Locale', kind: 'youth_support' })
  const holder = (await createUser(rt, { role: 'youth', username: 'alice', displayName: 'Alice' })).did!
  const org = await getOrganisationOrThrow(rt, 'ml')
  const claims = { skill: { name: 'Planifier' }, level: 'autonomous', criteria: 'A organisé le tournoi de quartier de bout en bout.' }
  for (let i = 0; i < 2; i++) {
    const issued = await issueForOrganisation(rt, { organisation: org, templateId: 'skill-badge', subjectDid: holder, claims })
    ids.push(issued.id)
    if (i === 0) writeFileSync((credentialFile = join(dataDir, 'badge.json')), issued.document)
  }
  await rt.db.destroy()
}, 120_000)

afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

const statusOf = async () => {
  const r = await vc('verify', credentialFile)
  return { code: r.code, check: JSON.parse(r.stdout).checks.find((c: { id: string }) => c.id === 'status') }
}

describe('npm run vc -- revoke / suspend / unsuspend', () => {
  test('suspend → verify fails on status; unsuspend → verify passes; revoke is final', async () => {
    expect(await statusOf()).toMatchObject({ code: 0, check: { status: 'passed', code: 'STATUS_VALID' } })

    const suspended = await vc('suspend', '--id', ids[0]!, '--reason', 'En cours de vérification')
    expect(suspended.code, suspended.stderr).toBe(0)
    expect(suspended.stdout).toContain(`Suspended ${ids[0]} (reason: En cours de vérification)`)
    expect(await statusOf()).toMatchObject({ code: 1, check: { status: 'failed', code: 'STATUS_SUSPENDED' } })

    const lifted = await vc('unsuspend', '--id', ids[0]!)
    expect(lifted.code).toBe(0)
    expect(lifted.stdout).toContain(`Suspension lifted for ${ids[0]}`)
    expect(await statusOf()).toMatchObject({ code: 0, check: { status: 'passed' } })

    const revoked = await vc('revoke', '--id', ids[0]!, '--reason', 'Erreur')
    expect(revoked.code).toBe(0)
    expect(revoked.stdout).toContain(`Revoked ${ids[0]}`)
    expect(await statusOf()).toMatchObject({ code: 1, check: { status: 'failed', code: 'STATUS_REVOKED', details: { reason: 'Erreur' } } })

    const again = await vc('revoke', '--id', ids[0]!)
    expect(again.code).toBe(0)
    expect(again.stdout).toContain('already revoked')
    const refused = await vc('unsuspend', '--id', ids[0]!)
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain('revocation is final')
  }, 60_000)

  test('an unknown id exits 1; a missing --id or an unknown option exits 2', async () => {
    const unknown = await vc('revoke', '--id', 'urn:uuid:00000000-0000-0000-0000-000000000000')
    expect(unknown.code).toBe(1)
    expect(unknown.stderr).toContain('No credential issued here')
    expect((await vc('suspend')).code).toBe(2)
    expect((await vc('unsuspend', '--id', ids[1]!, '--reason', 'x')).code).toBe(2)
  }, 60_000)
})
