import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest'
import { setRuntime } from '@/lib/runtime'
import { TEXT_MAX } from '@/lib/stories/schemas'
import { createTestRuntime } from '../../factories/runtime'
import { cookieJar, outcome, revalidated, signInAs } from '../../helpers/next-mocks'
import { form } from '../issuer/_world'
import { createStoriesWorld, SKILL_URI, STORY, type StoriesWorld } from './_world'

vi.mock('next/headers', async () => (await import('../../helpers/next-mocks')).nextHeaders)
vi.mock('next/cache', async () => (await import('../../helpers/next-mocks')).nextCache)

const youthActions = await import('@/app/(youth)/stories/actions')
const attesterActions = await import('@/app/(issuer)/issuer/stories/actions')

type Rt = Awaited<ReturnType<typeof createTestRuntime>>
let rt: Rt
let w: StoriesWorld

beforeAll(async () => {
  rt = await createTestRuntime()
  setRuntime(rt)
  w = await createStoriesWorld(rt)
})
afterAll(() => rt.cleanup())
beforeEach(() => cookieJar.clear())

const STORY_FORM = { skillLabel: STORY.skillLabel, skillUri: SKILL_URI, situation: STORY.situation, whatIDid: STORY.whatIDid, outcome: STORY.outcome }
const stories = () => rt.db.selectFrom('skill_stories').selectAll().orderBy('created_at', 'desc').execute()
const storyRow = (id: string) => rt.db.selectFrom('skill_stories').selectAll().where('id', '=', id).executeTakeFirstOrThrow()

/** Samira saves a story and sends it to Claire, through the actions; returns its id. */
async function sentToClaire(): Promise<string> {
  await signInAs(rt, w.youthA.id)
  const saved = await outcome(() => youthActions.saveStoryAction(undefined, form(STORY_FORM)))
  const id = saved.replace('redirect:/stories/', '')
  expect(await outcome(() => youthActions.requestAttestationAction(undefined, form({ storyId: id, attesterId: w.counsellorA.id })))).toBe(`redirect:/stories/${id}`)
  return id
}

describe('the young person’s actions', () => {
  test('a draft with a text too long comes back with the error and everything typed; nothing is saved', async () => {
    await signInAs(rt, w.youthA.id)
    const before = (await stories()).length
    const fields = { ...STORY_FORM, skillLabel: 'x', outcome: 'y'.repeat(TEXT_MAX + 1) }
    const state = await youthActions.saveStoryAction(undefined, form(fields))
    expect(state).toMatchObject({ ok: false, fieldErrors: { skillLabel: ['skillRequired'], outcome: ['tooLong'] }, values: { situation: STORY.situation, outcome: fields.outcome } })
    expect((await stories()).length).toBe(before)
  })

  test('an unknown ESCO skill is an error on the skill field, with what was typed', async () => {
    await signInAs(rt, w.youthA.id)
    const state = await youthActions.saveStoryAction(undefined, form({ ...STORY_FORM, skillUri: 'http://data.europa.eu/esco/skill/none' }))
    expect(state).toMatchObject({ ok: false, fieldErrors: { skillLabel: ['unknownSkill'] }, values: { whatIDid: STORY.whatIDid } })
  })

  test('save, send, answer a proposal, and the attester issues: each step redirects and revalidates', async () => {
    const id = await sentToClaire()
    expect(revalidated).toContain('/stories')
    await signInAs(rt, w.counsellorA.id)
    expect(await outcome(() => attesterActions.proposeEditsAction(undefined, form({ storyId: id, ...STORY_FORM, outcome: 'Tout était prêt à midi pile, bravo.', note: 'Plus précis.' }))))
      .toBe('redirect:/issuer/stories?done=proposed')
    await signInAs(rt, w.youthA.id)
    expect(await outcome(() => youthActions.answerProposalAction(undefined, form({ storyId: id, choice: 'accept' })))).toBe(`redirect:/stories/${id}`)
    expect(await storyRow(id)).toMatchObject({ status: 'requested', outcome: 'Tout était prêt à midi pile, bravo.' })
    await signInAs(rt, w.counsellorA.id)
    expect(await outcome(() => attesterActions.attestStoryAction(undefined, form({ storyId: id, evidenceLevel: 'assessed', level: 'practising', criteria: 'Grille équipe, critères 1 à 3.' }))))
      .toBe('redirect:/issuer/stories?done=issued')
    expect(await storyRow(id)).toMatchObject({ status: 'attested', evidence_level: 'assessed' })
  })

  test('sending to someone who does not know them, or an incomplete story, is refused with a message', async () => {
    await signInAs(rt, w.youthA.id)
    const id = (await outcome(() => youthActions.saveStoryAction(undefined, form({ ...STORY_FORM, outcome: '' })))).replace('redirect:/stories/', '')
    expect(await youthActions.requestAttestationAction(undefined, form({ storyId: id, attesterId: w.counsellorB.id }))).toEqual({ ok: false, error: 'attesterUnavailable' })
    expect(await youthActions.requestAttestationAction(undefined, form({ storyId: id, attesterId: w.counsellorA.id }))).toEqual({ ok: false, error: 'incomplete', fields: ['outcome'] })
    expect(await youthActions.requestAttestationAction(undefined, form({ storyId: id }))).toEqual({ ok: false, error: 'attesterRequired' })
    expect((await storyRow(id)).status).toBe('draft')
  })

  test('self-declaring signs a credential into the wallet; deleting a draft removes it', async () => {
    await signInAs(rt, w.youthA.id)
    const id = (await outcome(() => youthActions.saveStoryAction(undefined, form(STORY_FORM)))).replace('redirect:/stories/', '')
    expect(await youthActions.selfDeclareAction(undefined, form({ storyId: id, level: 'wizard' }))).toEqual({ ok: false, error: 'levelRequired' })
    expect(await outcome(() => youthActions.selfDeclareAction(undefined, form({ storyId: id, level: 'autonomous' })))).toBe(`redirect:/stories/${id}`)
    const row = await storyRow(id)
    expect(row).toMatchObject({ status: 'self_declared', evidence_level: 'self_declared' })
    expect(await rt.db.selectFrom('credentials').select('origin').where('id', '=', row.credential_id!).executeTakeFirst()).toEqual({ origin: 'self_declared' })
    expect(await youthActions.deleteStoryAction(undefined, form({ storyId: id }))).toEqual({ ok: false, error: 'conflict' })
    const draft = (await outcome(() => youthActions.saveStoryAction(undefined, form(STORY_FORM)))).replace('redirect:/stories/', '')
    expect(await outcome(() => youthActions.deleteStoryAction(undefined, form({ storyId: draft })))).toBe('redirect:/stories')
    expect((await stories()).some((s) => s.id === draft)).toBe(false)
  })

  test('another young person’s story reads as absent; other roles are refused', async () => {
    const id = await sentToClaire()
    await signInAs(rt, w.youthB.id)
    expect(await youthActions.answerProposalAction(undefined, form({ storyId: id, choice: 'keep' }))).toEqual({ ok: false, error: 'notFound' })
    expect(await youthActions.saveStoryAction(undefined, form({ ...STORY_FORM, storyId: id }))).toMatchObject({ fieldErrors: { form: ['notFound'] } })
    for (const other of [w.counsellorA.id, w.recruiterA.id, w.admin.id]) {
      await signInAs(rt, other)
      expect(await outcome(() => youthActions.saveStoryAction(undefined, form(STORY_FORM)))).toBe('forbidden')
      expect(await outcome(() => youthActions.selfDeclareAction(undefined, form({ storyId: id, level: 'practising' })))).toBe('forbidden')
      expect(await outcome(() => youthActions.answerProposalAction(undefined, form({ storyId: id, choice: 'accept' })))).toBe('forbidden')
    }
    cookieJar.clear()
    expect(await outcome(() => youthActions.saveStoryAction(undefined, form(STORY_FORM)))).toBe('redirect:/sign-in')
  })
})

describe('the attester’s actions', () => {
  test('decline needs a message; assessed needs criteria; the input is kept', async () => {
    const id = await sentToClaire()
    await signInAs(rt, w.counsellorA.id)
    expect(await attesterActions.declineStoryAction(undefined, form({ storyId: id, message: '  ' }))).toMatchObject({ ok: false, fieldErrors: { message: ['messageRequired'] } })
    expect(await attesterActions.attestStoryAction(undefined, form({ storyId: id, evidenceLevel: 'assessed', level: 'expert', criteria: '' })))
      .toMatchObject({ ok: false, fieldErrors: { criteria: ['criteriaRequired'] }, values: { level: 'expert' } })
    expect(await attesterActions.attestStoryAction(undefined, form({ storyId: id, evidenceLevel: 'self_declared', level: 'expert' })))
      .toMatchObject({ ok: false, fieldErrors: { evidenceLevel: ['evidenceRequired'] } })
    expect(await attesterActions.proposeEditsAction(undefined, form({ storyId: id, ...STORY_FORM, note: '' }))).toMatchObject({ ok: false, fieldErrors: { note: ['noteRequired'] } })
    expect(await outcome(() => attesterActions.declineStoryAction(undefined, form({ storyId: id, message: 'Demande plutôt à Tom.' })))).toBe('redirect:/issuer/stories?done=declined')
    expect(await storyRow(id)).toMatchObject({ status: 'declined', decline_message: 'Demande plutôt à Tom.' })
    expect(await attesterActions.attestStoryAction(undefined, form({ storyId: id, evidenceLevel: 'witnessed', level: 'expert' }))).toMatchObject({ fieldErrors: { form: ['alreadyAnswered'] } })
  })

  test('a request addressed to someone else reads as absent; young people, recruiters and admins are refused', async () => {
    const id = await sentToClaire()
    for (const other of [w.tutorA.id, w.counsellorB.id, w.counsellorC.id]) {
      await signInAs(rt, other)
      expect(await attesterActions.attestStoryAction(undefined, form({ storyId: id, evidenceLevel: 'witnessed', level: 'expert' }))).toMatchObject({ fieldErrors: { form: ['notFound'] } })
      expect(await attesterActions.declineStoryAction(undefined, form({ storyId: id, message: 'Non.' }))).toMatchObject({ fieldErrors: { form: ['notFound'] } })
    }
    for (const other of [w.youthA.id, w.recruiterA.id, w.admin.id]) {
      await signInAs(rt, other)
      expect(await outcome(() => attesterActions.attestStoryAction(undefined, form({ storyId: id, evidenceLevel: 'witnessed', level: 'expert' })))).toBe('forbidden')
      expect(await outcome(() => attesterActions.proposeEditsAction(undefined, form({ storyId: id, ...STORY_FORM, note: 'x' })))).toBe('forbidden')
      expect(await outcome(() => attesterActions.declineStoryAction(undefined, form({ storyId: id, message: 'x' })))).toBe('forbidden')
    }
    expect((await storyRow(id)).status).toBe('requested')
  })
})
