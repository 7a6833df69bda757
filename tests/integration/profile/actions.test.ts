import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest'
import { getExperienceOrThrow, getGoals, getProfile } from '@/lib/profile/service'
import { setRuntime } from '@/lib/runtime'
import { createTestRuntime } from '../../factories/runtime'
import { cookieJar, outcome, revalidated, signInAs } from '../../helpers/next-mocks'
import { createWalletWorld, form } from '../wallet/fixtures'

vi.mock('next/headers', async () => (await import('../../helpers/next-mocks')).nextHeaders)
vi.mock('next/cache', async () => (await import('../../helpers/next-mocks')).nextCache)

const { saveExperienceAction, deleteExperienceAction, saveGoalsAction } = await import('@/app/(youth)/profile/actions')

type Rt = Awaited<ReturnType<typeof createTestRuntime>>
let rt: Rt
let w: Awaited<ReturnType<typeof createWalletWorld>>
const alice = () => ({ id: w.alice.id, role: 'youth' })

const experienceForm = (fields: Record<string, string | string[]> = {}) => form({
  kind: 'informal', title: 'Coach de foot des petits', place: 'Club de Wattrelos', startMonth: '9', startYear: '2024',
  endMonth: '06', endYear: '2025', whatIDid: 'J’entraînais les 8-10 ans le mercredi.', whatILearned: 'Expliquer simplement, être patient.', ...fields,
})
const goalsForm = (fields: Record<string, string | string[]> = {}) => form({
  goals: [JSON.stringify({ occupationUri: null, label: 'Animateur sportif' })], region: 'Hauts-de-France', availability: 'now',
  languages: [JSON.stringify({ code: 'fr', level: 'native' })], ...fields,
})
const experienceCount = async (userId: string) => (await rt.db.selectFrom('experiences').select('id').where('user_id', '=', userId).execute()).length

beforeAll(async () => {
  rt = await createTestRuntime()
  setRuntime(rt)
  w = await createWalletWorld(rt)
})
afterAll(() => rt.cleanup())
beforeEach(() => cookieJar.clear())

describe('saveExperienceAction', () => {
  test('adds an experience with its linked credential, then goes back to the profile', async () => {
    await signInAs(rt, w.alice.id)
    expect(await outcome(() => saveExperienceAction(undefined, experienceForm({ credentialIds: [w.badge.id] })))).toBe('redirect:/profile')
    expect(revalidated).toContain('/profile')
    const [e] = (await getProfile(rt, alice(), 'fr')).experiences
    expect(e).toMatchObject({ kind: 'informal', title: 'Coach de foot des petits', startedOn: '2024-09', endedOn: '2025-06', credentials: [{ id: w.badge.id }] })
  })

  test('edits one, and an ongoing one has no end', async () => {
    await signInAs(rt, w.alice.id)
    const [e] = (await getProfile(rt, alice(), 'fr')).experiences
    expect(await outcome(() => saveExperienceAction(undefined, experienceForm({ experienceId: e!.id, title: 'Coach (U10)', ongoing: 'on', endMonth: '', endYear: '' })))).toBe('redirect:/profile')
    expect(await getExperienceOrThrow(rt, alice(), e!.id)).toMatchObject({ title: 'Coach (U10)', endedOn: null, credentialIds: [] })
  })

  test('refuses invalid input with field keys, keeping what was typed', async () => {
    await signInAs(rt, w.alice.id)
    const before = await experienceCount(w.alice.id)
    const state = await saveExperienceAction(undefined, experienceForm({ title: '', endYear: '2023', whatIDid: 'x'.repeat(1001) }))
    expect(state?.ok).toBe(false)
    expect(state?.fieldErrors).toMatchObject({ title: ['titleRequired'], endedOn: ['endBeforeStart'], whatIDid: ['textTooLong'] })
    expect(state?.values).toMatchObject({ title: '', place: 'Club de Wattrelos', startedOn: '2024-09', endedOn: '2023-06' })
    const future = await saveExperienceAction(undefined, experienceForm({ startYear: String(new Date().getUTCFullYear() + 1), ongoing: 'on' }))
    expect(future?.fieldErrors.startedOn).toEqual(['startInFuture'])
    expect(await experienceCount(w.alice.id)).toBe(before)
  })

  test('someone else’s credential or experience reads as absent; nothing changes', async () => {
    await signInAs(rt, w.alice.id)
    const before = await experienceCount(w.alice.id)
    const state = await saveExperienceAction(undefined, experienceForm({ credentialIds: [w.malloryBadge.id] }))
    expect(state?.fieldErrors).toEqual({ credentialIds: ['credentialUnavailable'] })
    expect(await experienceCount(w.alice.id)).toBe(before)

    const [mine] = (await getProfile(rt, alice(), 'fr')).experiences
    await signInAs(rt, w.mallory.id)
    const stolen = await saveExperienceAction(undefined, experienceForm({ experienceId: mine!.id, title: 'Volé' }))
    expect(stolen?.fieldErrors).toEqual({ form: ['notFound'] })
    expect(await deleteExperienceAction(undefined, form({ experienceId: mine!.id }))).toEqual({ ok: false, error: 'notFound' })
    expect((await getExperienceOrThrow(rt, alice(), mine!.id)).title).toBe('Coach (U10)')
  })
})

describe('deleteExperienceAction', () => {
  test('deletes one of mine; a malformed id is refused', async () => {
    await signInAs(rt, w.alice.id)
    expect(await deleteExperienceAction(undefined, form({ experienceId: 'nope' }))).toEqual({ ok: false, error: 'invalid' })
    const [e] = (await getProfile(rt, alice(), 'fr')).experiences
    expect(await outcome(() => deleteExperienceAction(undefined, form({ experienceId: e!.id })))).toBe('redirect:/profile')
    await expect(getExperienceOrThrow(rt, alice(), e!.id)).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })
})

describe('saveGoalsAction', () => {
  test('saves goals, region, availability and languages', async () => {
    await signInAs(rt, w.alice.id)
    expect(await outcome(() => saveGoalsAction(undefined, goalsForm()))).toBe('redirect:/profile')
    expect(await getGoals(rt, alice(), 'fr')).toEqual({
      goals: [{ occupationUri: null, label: 'Animateur sportif' }], region: 'Hauts-de-France', availability: 'now', languages: [{ code: 'fr', level: 'native' }],
    })
  })

  test('refuses invalid input, keeping it; an unknown ESCO occupation is refused', async () => {
    await signInAs(rt, w.alice.id)
    const state = await saveGoalsAction(undefined, goalsForm({ region: 'x'.repeat(81), languages: [JSON.stringify({ code: 'fr', level: 'native' }), JSON.stringify({ code: 'fr', level: 'basic' })] }))
    expect(state?.fieldErrors).toMatchObject({ region: ['regionTooLong'], languages: ['languageTwice'] })
    expect(state?.values.region).toHaveLength(81)
    const unknown = await saveGoalsAction(undefined, goalsForm({ goals: [JSON.stringify({ occupationUri: 'http://data.europa.eu/esco/occupation/none', label: 'x' })] }))
    expect(unknown?.fieldErrors).toEqual({ goals: ['goalUnknown'] })
    expect((await getGoals(rt, alice(), 'fr')).region).toBe('Hauts-de-France')
  })
})

describe('every action refuses other roles, and asks strangers to sign in', () => {
  const actions = {
    save: () => saveExperienceAction(undefined, experienceForm()),
    delete: () => deleteExperienceAction(undefined, form({ experienceId: '00000000-0000-4000-8000-000000000000' })),
    goals: () => saveGoalsAction(undefined, goalsForm()),
  }
  test.each(Object.keys(actions) as (keyof typeof actions)[])('%s', async (name) => {
    const before = await rt.db.selectFrom('experiences').select('id').execute()
    for (const who of [w.counsellor.id, w.recruiter.id]) {
      await signInAs(rt, who)
      expect(await outcome(actions[name])).toBe('forbidden')
    }
    cookieJar.clear()
    expect(await outcome(actions[name])).toMatch(/^redirect:\/sign-in/)
    expect(await rt.db.selectFrom('experiences').select('id').execute()).toEqual(before)
    expect(await rt.db.selectFrom('profiles').select('user_id').where('user_id', 'in', [w.counsellor.id, w.recruiter.id]).execute()).toEqual([])
  })
})
