import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createUser } from '@/lib/auth/service'
import { ISSUED_PAGE_SIZE, listIssuedCredentials } from '@/lib/issuing/queries'
import { issueForOrganisation } from '@/lib/issuing/service'
import { listIssueRecipients } from '@/lib/issuing/staff'
import { listYoungPeople, listTeamMembers } from '@/lib/onboarding/service'
import { createTestRuntime } from '../../factories/runtime'
import { createTwoOrganisations, sessionUser, type World } from './_world'

type Rt = Awaited<ReturnType<typeof createTestRuntime>>
let rt: Rt
let w: World

const badge = (name: string) => ({ skill: { name }, level: 'practising', criteria: 'Observé pendant trois semaines à l’atelier.' })

beforeAll(async () => {
  rt = await createTestRuntime()
  w = await createTwoOrganisations(rt)
  const t0 = Date.UTC(2026, 0, 1)
  for (let i = 0; i < ISSUED_PAGE_SIZE + 3; i++) {
    await issueForOrganisation(rt, { organisation: w.a, templateId: 'skill-badge', subjectDid: w.youthA.did!, claims: badge(`Compétence ${String(i).padStart(2, '0')}`), now: new Date(t0 + i * 60_000) })
  }
  await issueForOrganisation(rt, { organisation: w.a, templateId: 'skill-badge', subjectDid: w.youthB.did!, claims: badge('Cuisiner 100% maison') })
  await issueForOrganisation(rt, { organisation: w.b, templateId: 'skill-badge', subjectDid: w.youthA.did!, claims: badge('Secret de B') })
}, 120_000)
afterAll(() => rt.cleanup())

describe('listIssuedCredentials', () => {
  test('lists only the organisation’s credentials, newest first, a page at a time', async () => {
    const actor = await sessionUser(rt, w.counsellorA.id)
    const first = await listIssuedCredentials(rt, actor)
    expect(first.total).toBe(ISSUED_PAGE_SIZE + 4)
    expect(first.items).toHaveLength(ISSUED_PAGE_SIZE)
    expect(first.pageCount).toBe(2)
    const dates = first.items.map((i) => i.issuedAt)
    expect([...dates].sort().reverse()).toEqual(dates)
    expect(first.items.some((i) => i.title === 'Secret de B')).toBe(false)
    const second = await listIssuedCredentials(rt, actor, { page: 2 })
    expect(second.items).toHaveLength(4)
    expect(new Set([...first.items, ...second.items].map((i) => i.id)).size).toBe(ISSUED_PAGE_SIZE + 4)
    expect((await listIssuedCredentials(rt, actor, { page: 99 })).page).toBe(2)
  })

  test('searches the title or the young person’s name, ignoring case; % and _ match themselves', async () => {
    const actor = await sessionUser(rt, w.counsellorA.id)
    expect((await listIssuedCredentials(rt, actor, { query: 'compétence 07' })).items.map((i) => i.title)).toEqual(['Compétence 07'])
    const byName = await listIssuedCredentials(rt, actor, { query: 'LUCAS' })
    expect(byName.items.map((i) => [i.title, i.holderName])).toEqual([['Cuisiner 100% maison', 'Lucas D.']])
    expect((await listIssuedCredentials(rt, actor, { query: '100%' })).total).toBe(1)
    expect((await listIssuedCredentials(rt, actor, { query: '%' })).total).toBe(1)
    expect((await listIssuedCredentials(rt, actor, { query: '_' })).total).toBe(0)
    expect((await listIssuedCredentials(rt, actor, { query: 'Secret' })).total).toBe(0)
  })

  test.each(['youthA', 'recruiterA', 'admin'] as const)('refuses %s', async (who) => {
    await expect(listIssuedCredentials(rt, await sessionUser(rt, w[who].id))).rejects.toMatchObject({ code: 'FORBIDDEN' })
  })
})

describe('young people of an organisation', () => {
  test('a counsellor sees the young people their organisation onboarded or attested, with counts; no one else', async () => {
    const stranger = await createUser(rt, { role: 'youth', username: 'stranger', displayName: 'Inconnu' })
    const people = await listYoungPeople(rt, await sessionUser(rt, w.counsellorA.id))
    const byName = Object.fromEntries(people.map((p) => [p.displayName, p]))
    expect(Object.keys(byName).sort()).toEqual(['Lucas D.', 'Samira B.'])
    expect(byName['Samira B.']).toMatchObject({ activated: true, hasWallet: true, credentialCount: ISSUED_PAGE_SIZE + 3, onboardedHere: true })
    expect(byName['Lucas D.']).toMatchObject({ credentialCount: 1, onboardedHere: false })
    expect(people.some((p) => p.id === stranger.id)).toBe(false)
    const recipients = await listIssueRecipients(rt, await sessionUser(rt, w.counsellorB.id))
    expect(recipients.map((r) => r.displayName).sort()).toEqual(['Lucas D.', 'Samira B.'])
  })

  test('the team list shows the organisation’s professionals only', async () => {
    const team = await listTeamMembers(rt, await sessionUser(rt, w.counsellorA.id))
    expect(team.map((m) => m.role).sort()).toEqual(['counsellor', 'recruiter', 'tutor'])
  })

  test.each(['youthA', 'recruiterA', 'admin'] as const)('refuses %s', async (who) => {
    const actor = await sessionUser(rt, w[who].id)
    await expect(listYoungPeople(rt, actor)).rejects.toMatchObject({ code: 'FORBIDDEN' })
    await expect(listIssueRecipients(rt, actor)).rejects.toMatchObject({ code: 'FORBIDDEN' })
    await expect(listTeamMembers(rt, actor)).rejects.toMatchObject({ code: 'FORBIDDEN' })
  })
})
