import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { AppError, ValidationError } from '@/lib/errors'
import { experienceSchema, GoalsSchema, MAX_EXPERIENCES, type ExperienceInput } from '@/lib/profile/schemas'
import {
  createExperience, deleteExperience, experienceOfCredential, getExperienceOrThrow, getGoals, getProfile, saveGoals, updateExperience,
} from '@/lib/profile/service'
import { createTestRuntime } from '../../factories/runtime'
import { createWalletWorld } from '../wallet/fixtures'

type Rt = Awaited<ReturnType<typeof createTestRuntime>>
let rt: Rt
let w: Awaited<ReturnType<typeof createWalletWorld>>
const alice = () => ({ id: w.alice.id, role: 'youth' })
const mallory = () => ({ id: w.mallory.id, role: 'youth' })
const OCCUPATION = 'http://data.europa.eu/esco/occupation/test-baker'

const input = (over: Partial<ExperienceInput> = {}): ExperienceInput => ({
  kind: 'informal', title: 'Aider au marché', place: 'Roubaix', startedOn: '2025-01', endedOn: '2025-06',
  whatIDid: 'J’installais le stand.', whatILearned: 'Rendre la monnaie.', credentialIds: [], ...over,
})

const code = async (p: Promise<unknown>) => {
  try {
    await p
    return 'ok'
  } catch (e) {
    if (e instanceof AppError) return e.code
    throw e
  }
}

beforeAll(async () => {
  rt = await createTestRuntime()
  w = await createWalletWorld(rt)
  await rt.db.insertInto('taxonomy_concepts').values({ uri: OCCUPATION, kind: 'occupation', framework: 'ESCO', code: null }).execute()
  await rt.db.insertInto('taxonomy_labels').values([
    { uri: OCCUPATION, lang: 'fr', label: 'boulanger/boulangère', alt_labels: '', description: null, search_text: 'boulanger boulangere' },
    { uri: OCCUPATION, lang: 'en', label: 'baker', alt_labels: '', description: null, search_text: 'baker' },
  ]).execute()
})
afterAll(() => rt.cleanup())

describe('experiences', () => {
  test('are listed newest first (ongoing first), each with the credentials it gave', async () => {
    const old = await createExperience(rt, alice(), input({ title: 'Collège', kind: 'formal', startedOn: '2019-09', endedOn: '2023-06' }))
    const ongoing = await createExperience(rt, alice(), input({ title: 'Garder ma sœur', startedOn: '2020-01', endedOn: null }))
    const recent = await createExperience(rt, alice(), input({ title: 'Atelier vidéo', kind: 'non_formal', startedOn: '2025-03', endedOn: '2025-04', credentialIds: [w.badge.id, w.work.id] }))
    const profile = await getProfile(rt, alice(), 'fr')
    expect(profile.experiences.map((e) => e.id)).toEqual([ongoing, recent, old])
    const video = profile.experiences.find((e) => e.id === recent)!
    expect(video).toMatchObject({ kind: 'non_formal', title: 'Atelier vidéo', place: 'Roubaix', startedOn: '2025-03', endedOn: '2025-04' })
    expect(video.credentials.map((c) => c.id).sort()).toEqual([w.badge.id, w.work.id].sort())
    expect(video.credentials.every((c) => c.title.length > 0)).toBe(true)
    expect(await experienceOfCredential(rt, alice(), w.badge.id)).toEqual({ id: recent, kind: 'non_formal', title: 'Atelier vidéo' })
    expect(await experienceOfCredential(rt, alice(), w.jwtBadge.id)).toBeNull()
    // Linking a credential elsewhere moves it: a credential comes from one experience only.
    await updateExperience(rt, alice(), old, input({ title: 'Collège', kind: 'formal', startedOn: '2019-09', endedOn: '2023-06', credentialIds: [w.badge.id] }))
    expect((await experienceOfCredential(rt, alice(), w.badge.id))?.id).toBe(old)
    expect((await getExperienceOrThrow(rt, alice(), recent)).credentialIds).toEqual([w.work.id])
    // Deleting an experience unlinks its credentials, which stay in the wallet.
    await deleteExperience(rt, alice(), recent)
    expect(await experienceOfCredential(rt, alice(), w.work.id)).toBeNull()
    expect(await rt.db.selectFrom('credentials').select('id').where('id', '=', w.work.id).executeTakeFirst()).toBeTruthy()
    expect(await code(getExperienceOrThrow(rt, alice(), recent))).toBe('NOT_FOUND')
  })

  test('another young person’s experience is NOT_FOUND for reading, editing, deleting; nothing changes', async () => {
    const id = await createExperience(rt, alice(), input({ title: 'Secret' }))
    expect(await code(getExperienceOrThrow(rt, mallory(), id))).toBe('NOT_FOUND')
    expect(await code(updateExperience(rt, mallory(), id, input({ title: 'Volé' })))).toBe('NOT_FOUND')
    expect(await code(deleteExperience(rt, mallory(), id))).toBe('NOT_FOUND')
    expect((await getExperienceOrThrow(rt, alice(), id)).title).toBe('Secret')
    expect((await getProfile(rt, mallory(), 'fr')).experiences).toEqual([])
  })

  test('linking someone else’s credential is NOT_FOUND, and nothing is written', async () => {
    const before = await rt.db.selectFrom('experiences').select('id').execute()
    expect(await code(createExperience(rt, alice(), input({ credentialIds: [w.malloryBadge.id] })))).toBe('NOT_FOUND')
    expect(await rt.db.selectFrom('experiences').select('id').execute()).toHaveLength(before.length)
    const id = await createExperience(rt, alice(), input({ title: 'Mine' }))
    expect(await code(updateExperience(rt, alice(), id, input({ title: 'Changed', credentialIds: [w.malloryBadge.id] })))).toBe('NOT_FOUND')
    expect((await getExperienceOrThrow(rt, alice(), id)).title).toBe('Mine')
    expect(await code(experienceOfCredential(rt, alice(), w.malloryBadge.id))).toBe('NOT_FOUND')
  })

  test('other roles are refused (FORBIDDEN)', async () => {
    const id = await createExperience(rt, alice(), input())
    for (const role of ['counsellor', 'tutor', 'recruiter', 'admin']) {
      const actor = { id: w.alice.id, role }
      expect(await code(getProfile(rt, actor, 'fr'))).toBe('FORBIDDEN')
      expect(await code(createExperience(rt, actor, input()))).toBe('FORBIDDEN')
      expect(await code(updateExperience(rt, actor, id, input()))).toBe('FORBIDDEN')
      expect(await code(deleteExperience(rt, actor, id))).toBe('FORBIDDEN')
      expect(await code(saveGoals(rt, actor, { goals: [], region: '', availability: '', languages: [] }))).toBe('FORBIDDEN')
    }
  })

  test('at most 50 experiences', async () => {
    const bob = await rt.db.selectFrom('users').select('id').where('id', '=', w.mallory.id).executeTakeFirstOrThrow()
    const actor = { id: bob.id, role: 'youth' }
    for (let i = 0; i < MAX_EXPERIENCES; i++) await createExperience(rt, actor, input({ title: `n${i}` }))
    await expect(createExperience(rt, actor, input())).rejects.toBeInstanceOf(ValidationError)
    const n = await rt.db.selectFrom('experiences').select((eb) => eb.fn.countAll<number>().as('n')).where('user_id', '=', bob.id).executeTakeFirstOrThrow()
    expect(Number(n.n)).toBe(MAX_EXPERIENCES)
    await rt.db.deleteFrom('experiences').where('user_id', '=', bob.id).execute()
  })
})

describe('experienceSchema', () => {
  const now = new Date('2026-11-27T12:00:00Z')
  const raw = { kind: 'formal', title: 'CAP', place: '', startedOn: '2026-09', ongoing: false, endedOn: '2026-10', whatIDid: '', whatILearned: '', credentialIds: [] }
  const errors = (over: Record<string, unknown>) => {
    const r = experienceSchema(now).safeParse({ ...raw, ...over })
    // The first message of each field, as the form shows it.
    return r.success ? {} : Object.fromEntries(r.error.issues.reverse().map((i) => [i.path.join('.'), i.message]))
  }
  test('accepts a finished and an ongoing experience (ongoing drops the end)', () => {
    expect(experienceSchema(now).parse(raw)).toMatchObject({ startedOn: '2026-09', endedOn: '2026-10' })
    expect(experienceSchema(now).parse({ ...raw, ongoing: true, endedOn: '2026-10' }).endedOn).toBeNull()
    expect(experienceSchema(now).parse({ ...raw, startedOn: '2026-11', ongoing: true }).startedOn).toBe('2026-11')
  })
  test('refuses what the brief forbids, with message keys', () => {
    expect(errors({ title: '' })).toEqual({ title: 'titleRequired' })
    expect(errors({ title: 'x'.repeat(121) })).toEqual({ title: 'titleTooLong' })
    expect(errors({ whatIDid: 'x'.repeat(1001) })).toEqual({ whatIDid: 'textTooLong' })
    expect(errors({ whatILearned: 'x'.repeat(1001) })).toEqual({ whatILearned: 'textTooLong' })
    expect(errors({ kind: 'other' })).toEqual({ kind: 'kindRequired' })
    expect(errors({ startedOn: '2026-12', endedOn: '2026-12' })).toEqual({ startedOn: 'startInFuture' })
    expect(errors({ endedOn: '2026-08' })).toEqual({ endedOn: 'endBeforeStart' })
    expect(errors({ endedOn: '' })).toEqual({ endedOn: 'endRequired' })
    expect(errors({ startedOn: '' })).toMatchObject({ startedOn: 'startRequired' })
    expect(errors({ startedOn: '2026-13' })).toMatchObject({ startedOn: 'monthInvalid' })
    expect(errors({ title: 'x'.repeat(120), whatIDid: 'x'.repeat(1000) })).toEqual({})
  })
})

describe('goals', () => {
  test('saves ordered goals (ESCO or own words), region, availability and languages; an ESCO goal reads in the reader’s language', async () => {
    const data = GoalsSchema.parse({
      goals: [{ occupationUri: OCCUPATION, label: 'boulanger/boulangère' }, { occupationUri: null, label: 'Vendeuse' }],
      region: ' Hauts-de-France ', availability: 'soon', languages: [{ code: 'fr', level: 'native' }, { code: 'ar', level: 'fluent' }],
    })
    await saveGoals(rt, alice(), data)
    expect(await getGoals(rt, alice(), 'en')).toEqual({
      goals: [{ occupationUri: OCCUPATION, label: 'baker' }, { occupationUri: null, label: 'Vendeuse' }],
      region: 'Hauts-de-France', availability: 'soon', languages: [{ code: 'fr', level: 'native' }, { code: 'ar', level: 'fluent' }],
    })
    // Saving again replaces (new order, fewer goals).
    await saveGoals(rt, alice(), { ...data, goals: [data.goals[1]!, data.goals[0]!].slice(0, 1), availability: '' })
    expect(await getGoals(rt, alice(), 'fr')).toMatchObject({ goals: [{ occupationUri: null, label: 'Vendeuse' }], availability: null })
    expect(await getGoals(rt, mallory(), 'fr')).toEqual({ goals: [], region: '', availability: null, languages: [] })
  })

  test('an ESCO goal must be an occupation of the taxonomy', async () => {
    await expect(saveGoals(rt, alice(), { goals: [{ occupationUri: 'http://data.europa.eu/esco/occupation/nope', label: 'x' }], region: '', availability: '', languages: [] }))
      .rejects.toBeInstanceOf(ValidationError)
  })

  test('the schema limits goals, languages and region', () => {
    const base = { goals: [], region: '', availability: '', languages: [] }
    const issues = (over: object) => {
      const r = GoalsSchema.safeParse({ ...base, ...over })
      return r.success ? [] : r.error.issues.map((i) => i.message)
    }
    expect(issues({ goals: Array.from({ length: 6 }, (_, i) => ({ occupationUri: null, label: `g${i}` })) })).toEqual(['tooManyGoals'])
    expect(issues({ goals: [{ occupationUri: null, label: 'x'.repeat(121) }] })).toEqual(['goalTooLong'])
    expect(issues({ region: 'x'.repeat(81) })).toEqual(['regionTooLong'])
    expect(issues({ availability: 'tomorrow' })).toEqual(['availabilityInvalid'])
    expect(issues({ languages: [{ code: 'fr', level: 'native' }, { code: 'fr', level: 'basic' }] })).toEqual(['languageTwice'])
    expect(issues({ languages: [{ code: 'xx', level: 'native' }] })).toEqual(['languageInvalid'])
  })
})
