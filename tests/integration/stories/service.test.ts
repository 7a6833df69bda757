import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { evidenceLevelOf } from '@/lib/credentials/evidence'
import { getCheck } from '@/lib/credentials/verify/result'
import { issueForOrganisation } from '@/lib/issuing/service'
import {
  acceptProposal, attestStory, declineStory, deleteStory, getMyStoryOrThrow, getStoryForAttesterOrThrow, keepMyText,
  listAttesterChoices, listMyStories, listStoryRequests, proposeEdits, requestAttestation, saveStory, selfDeclare,
} from '@/lib/stories/service'
import { OPEN_STORIES_MAX } from '@/lib/stories/schemas'
import { verifyOnInstance } from '@/lib/verification/service'
import { readDocument } from '@/lib/wallet/cards'
import { listWalletCards } from '@/lib/wallet/service'
import { createTestRuntime } from '../../factories/runtime'
import { createStoriesWorld, joinPilot, SKILL_URI, STORY, type StoriesWorld } from './_world'

type Rt = Awaited<ReturnType<typeof createTestRuntime>>
let rt: Rt
let w: StoriesWorld

beforeAll(async () => {
  rt = await createTestRuntime()
  w = await createStoriesWorld(rt)
})
afterAll(() => rt.cleanup())
beforeEach(async () => {
  await rt.db.deleteFrom('skill_stories').execute()
})

const youth = () => w.as(w.youthA.id)
const claire = () => w.as(w.counsellorA.id)
const code = async (p: Promise<unknown>) => p.then(() => 'ok', (e: { code?: string }) => e.code ?? String(e))
const storyRow = (id: string) => rt.db.selectFrom('skill_stories').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
const credentialRow = (id: string) => rt.db.selectFrom('credentials').selectAll().where('id', '=', id).executeTakeFirstOrThrow()

async function requested(attesterId = w.counsellorA.id) {
  const id = await saveStory(rt, await youth(), STORY)
  await requestAttestation(rt, await youth(), id, attesterId)
  return id
}

describe('the young person’s drafts', () => {
  test('a draft is saved, listed and edited; an ESCO skill is kept with the label in their own words', async () => {
    const id = await saveStory(rt, await youth(), { ...STORY, skillLabel: 'Bosser en équipe', situation: '' })
    expect(await getMyStoryOrThrow(rt, await youth(), id)).toMatchObject({ status: 'draft', skillLabel: 'Bosser en équipe', skillUri: SKILL_URI, situation: '' })
    await saveStory(rt, await youth(), STORY, id)
    const list = await listMyStories(rt, await youth())
    expect(list.map((s) => [s.id, s.status, s.situation])).toEqual([[id, 'draft', STORY.situation]])
  })

  test('an unknown skill or another person’s experience is refused, and nothing is saved', async () => {
    const other = await rt.db.insertInto('experiences').values({ id: crypto.randomUUID(), user_id: w.youthB.id, kind: 'informal', title: 'Autre', started_on: '2025-01', created_at: '', updated_at: '' }).returning('id').executeTakeFirstOrThrow()
    await expect(saveStory(rt, await youth(), { ...STORY, skillUri: 'http://data.europa.eu/esco/skill/nope' })).rejects.toMatchObject({ fieldErrors: [{ path: '/skillUri', message: 'unknownSkill' }] })
    await expect(saveStory(rt, await youth(), { ...STORY, experienceId: other.id })).rejects.toMatchObject({ fieldErrors: [{ path: '/experienceId', message: 'unknownExperience' }] })
    expect(await listMyStories(rt, await youth())).toEqual([])
  })

  test(`at most ${OPEN_STORIES_MAX} open stories; one that became a credential no longer counts`, async () => {
    const at = new Date().toISOString()
    await rt.db.insertInto('skill_stories').values(Array.from({ length: OPEN_STORIES_MAX }, (_, i) => ({
      id: `s${i}`, youth_user_id: w.youthA.id, skill_label: 'x'.repeat(3), status: i === 0 ? 'self_declared' : 'draft', created_at: at, updated_at: at,
    }))).execute()
    expect(await saveStory(rt, await youth(), STORY)).toBeTruthy()
    await expect(saveStory(rt, await youth(), STORY)).rejects.toMatchObject({ fieldErrors: [{ message: 'tooManyStories' }] })
  })

  test('another young person, or any other role, neither sees nor touches the story', async () => {
    const id = await saveStory(rt, await youth(), STORY)
    const lucas = await w.as(w.youthB.id)
    expect(await code(getMyStoryOrThrow(rt, lucas, id))).toBe('NOT_FOUND')
    expect(await code(saveStory(rt, lucas, STORY, id))).toBe('NOT_FOUND')
    expect(await code(deleteStory(rt, lucas, id))).toBe('NOT_FOUND')
    expect(await code(requestAttestation(rt, lucas, id, w.counsellorB.id))).toBe('NOT_FOUND')
    expect(await code(selfDeclare(rt, lucas, id, { level: 'practising' }))).toBe('NOT_FOUND')
    for (const other of [w.counsellorA, w.recruiterA, w.admin]) {
      expect(await code(listMyStories(rt, await w.as(other.id)))).toBe('FORBIDDEN')
      expect(await code(saveStory(rt, await w.as(other.id), STORY))).toBe('FORBIDDEN')
    }
    expect((await storyRow(id)).status).toBe('draft')
  })

  test('a draft is deleted; a requested story is not', async () => {
    const draft = await saveStory(rt, await youth(), STORY)
    await deleteStory(rt, await youth(), draft)
    expect(await listMyStories(rt, await youth())).toEqual([])
    const sent = await requested()
    expect(await code(deleteStory(rt, await youth(), sent))).toBe('CONFLICT')
    expect(await code(saveStory(rt, await youth(), STORY, sent))).toBe('CONFLICT')
  })
})

describe('who may be asked', () => {
  test('staff of their own organisation, of an organisation that issued them a credential, and of a pilot partner — approved organisations only, never recruiters', async () => {
    const names = async () => (await listAttesterChoices(rt, await youth())).map((a) => `${a.name} (${a.organisationName})`)
    expect(await names()).toEqual(['Claire Martin (Mission Locale A)', 'Tom Tuteur (Mission Locale A)'])
    await issueForOrganisation(rt, { organisation: w.b, templateId: 'skill-badge', subjectDid: w.youthA.did!, claims: { skill: { name: 'Accueil' }, level: 'practising', criteria: 'A accueilli les clients au comptoir.' } })
    await joinPilot(rt, w.a.id, w.c.id, w.youthA.id)
    await joinPilot(rt, w.a.id, w.p.id, w.youthA.id)
    expect(await names()).toEqual([
      'Bob Autre (Entreprise B)', 'Karim Benali (Entreprise B)', 'Claire Martin (Mission Locale A)', 'Tom Tuteur (Mission Locale A)', 'Cécile Partenaire (Partenaire C)',
    ])
    const id = await saveStory(rt, await youth(), STORY)
    for (const stranger of [w.counsellorP.id, w.recruiterA.id, w.admin.id]) expect(await code(requestAttestation(rt, await youth(), id, stranger))).toBe('FORBIDDEN')
    expect(await code(requestAttestation(rt, await (w.as(w.youthB.id)), (await saveStory(rt, await w.as(w.youthB.id), STORY)), w.counsellorA.id))).toBe('FORBIDDEN')
  })

  test('an incomplete story is not sent', async () => {
    const id = await saveStory(rt, await youth(), { ...STORY, outcome: 'Bien.' })
    await expect(requestAttestation(rt, await youth(), id, w.counsellorA.id)).rejects.toMatchObject({ fieldErrors: [{ path: '/outcome', message: 'incomplete' }] })
    expect((await storyRow(id)).status).toBe('draft')
  })
})

describe('the attester’s queue and proposals', () => {
  test('the request reaches the attester asked, newest first, with the young person’s name; nobody else sees it', async () => {
    const first = await requested()
    await new Promise((r) => setTimeout(r, 5))
    const second = await requested()
    const queue = await listStoryRequests(rt, await claire())
    expect(queue.requested.map((s) => s.id)).toEqual([second, first])
    expect(queue.requested[0]).toMatchObject({ youthName: 'Samira B.', attester: { name: 'Claire Martin', organisationName: 'Mission Locale A' } })
    expect((await listStoryRequests(rt, await w.as(w.tutorA.id))).requested).toEqual([])
    expect(await code(getStoryForAttesterOrThrow(rt, await w.as(w.tutorA.id), first))).toBe('NOT_FOUND')
    expect(await code(listStoryRequests(rt, await youth()))).toBe('FORBIDDEN')
    expect(await code(listStoryRequests(rt, await w.as(w.recruiterA.id)))).toBe('FORBIDDEN')
  })

  test('a proposal is shown to the young person, who accepts it: their texts are replaced and it goes back to the attester', async () => {
    const id = await requested()
    const proposal = { ...STORY, skillLabel: 'Coordonner une équipe', whatIDid: 'J’ai coordonné cinq bénévoles et tenu le planning de la journée.', note: 'Je précise ton rôle.' }
    await proposeEdits(rt, await claire(), id, proposal)
    const seen = await getMyStoryOrThrow(rt, await youth(), id)
    expect(seen).toMatchObject({ status: 'changes_proposed', whatIDid: STORY.whatIDid, proposal: { whatIDid: proposal.whatIDid, note: 'Je précise ton rôle.' } })
    expect((await listStoryRequests(rt, await claire())).waiting.map((s) => s.id)).toEqual([id])
    await acceptProposal(rt, await youth(), id)
    expect(await getMyStoryOrThrow(rt, await youth(), id)).toMatchObject({ status: 'requested', skillLabel: 'Coordonner une équipe', whatIDid: proposal.whatIDid, proposal: null })
    expect(await code(acceptProposal(rt, await youth(), id))).toBe('CONFLICT')
  })

  test('the young person keeps their own words: the proposal goes, the story goes back unchanged', async () => {
    const id = await requested()
    await proposeEdits(rt, await claire(), id, { ...STORY, situation: 'Une autre façon de dire la situation.', note: 'Une idée.' })
    expect(await code(proposeEdits(rt, await claire(), id, { ...STORY, note: 'Encore' }))).toBe('CONFLICT')
    expect(await code(keepMyText(rt, await w.as(w.youthB.id), id))).toBe('NOT_FOUND')
    await keepMyText(rt, await youth(), id)
    expect(await getMyStoryOrThrow(rt, await youth(), id)).toMatchObject({ status: 'requested', situation: STORY.situation, proposal: null })
    expect((await storyRow(id)).proposal).toBeNull()
  })

  test('a decline carries its message to the young person, who may edit and ask again', async () => {
    const id = await requested()
    await declineStory(rt, await claire(), id, { message: 'Je ne t’ai pas vu faire : demande à Tom.' })
    expect(await getMyStoryOrThrow(rt, await youth(), id)).toMatchObject({ status: 'declined', declineMessage: 'Je ne t’ai pas vu faire : demande à Tom.' })
    expect(await code(attestStory(rt, await claire(), id, { evidenceLevel: 'witnessed', level: 'practising' }))).toBe('CONFLICT')
    await requestAttestation(rt, await youth(), id, w.tutorA.id)
    expect(await getMyStoryOrThrow(rt, await youth(), id)).toMatchObject({ status: 'requested', declineMessage: null, attester: { name: 'Tom Tuteur' } })
  })

  test('other staff of the same organisation, other roles and the young person cannot act on the request', async () => {
    const id = await requested()
    for (const other of [w.tutorA.id, w.counsellorB.id]) {
      const u = await w.as(other)
      expect(await code(proposeEdits(rt, u, id, { ...STORY, note: 'x' }))).toBe('NOT_FOUND')
      expect(await code(declineStory(rt, u, id, { message: 'x' }))).toBe('NOT_FOUND')
      expect(await code(attestStory(rt, u, id, { evidenceLevel: 'witnessed', level: 'practising' }))).toBe('NOT_FOUND')
    }
    for (const other of [w.youthA.id, w.recruiterA.id, w.admin.id]) {
      expect(await code(attestStory(rt, await w.as(other), id, { evidenceLevel: 'witnessed', level: 'practising' }))).toBe('FORBIDDEN')
      expect(await code(declineStory(rt, await w.as(other), id, { message: 'x' }))).toBe('FORBIDDEN')
    }
    expect((await storyRow(id)).status).toBe('requested')
  })
})

describe('issuing', () => {
  test.each([
    ['witnessed', undefined],
    ['assessed', 'Grille « travail en équipe » de la Mission Locale, critères 1 à 4.'],
  ] as const)('attesting as %s issues a skill badge in the organisation’s name with the story, the level and the ESCO skill; the story is attested', async (evidenceLevel, criteria) => {
    const id = await requested()
    const credentialId = await attestStory(rt, await claire(), id, { evidenceLevel, level: 'autonomous', criteria })
    const row = await credentialRow(credentialId)
    expect(row).toMatchObject({ issuer_organisation_id: w.a.id, holder_user_id: w.youthA.id, issued_by_user_id: w.counsellorA.id, origin: 'issued' })
    const credential = readDocument({ document: row.document, format: row.format }).credential as Record<string, any>
    expect(credential.issuer).toMatchObject({ name: 'Mission Locale A' })
    expect(evidenceLevelOf(credential)).toBe(evidenceLevel)
    expect(JSON.stringify(credential)).toContain(STORY.whatIDid)
    expect(credential.credentialSubject.achievement.alignment).toEqual([expect.objectContaining({ targetUrl: SKILL_URI })])
    if (criteria) expect(credential.credentialSubject.achievement.criteria.narrative).toBe(criteria)
    expect(await storyRow(id)).toMatchObject({ status: 'attested', credential_id: credentialId, evidence_level: evidenceLevel })
    expect(await rt.db.selectFrom('credential_skills').select(['skill_uri', 'evidence_level']).where('credential_id', '=', credentialId).execute())
      .toEqual([{ skill_uri: SKILL_URI, evidence_level: evidenceLevel }])
    expect((await verifyOnInstance(rt, { input: row.document })).verified).toBe(true)
  })

  test('two concurrent attestations issue exactly one credential', async () => {
    const id = await requested()
    const before = await rt.db.selectFrom('credentials').select('id').execute()
    const results = await Promise.allSettled([
      attestStory(rt, await claire(), id, { evidenceLevel: 'witnessed', level: 'practising' }),
      attestStory(rt, await claire(), id, { evidenceLevel: 'witnessed', level: 'practising' }),
    ])
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    expect(results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason.code)).toEqual(['CONFLICT'])
    const after = await rt.db.selectFrom('credentials').select('id').execute()
    expect(after.length - before.length).toBe(1)
    expect((await storyRow(id)).credential_id).toBe((results.find((r) => r.status === 'fulfilled') as PromiseFulfilledResult<string>).value)
  })

  test('an attester whose organisation was suspended cannot issue; the story stays requested', async () => {
    const id = await requested()
    await rt.db.updateTable('organisations').set({ status: 'suspended' }).where('id', '=', w.a.id).execute()
    try {
      expect(await code(attestStory(rt, await claire(), id, { evidenceLevel: 'witnessed', level: 'practising' }))).toBe('FORBIDDEN')
    } finally {
      await rt.db.updateTable('organisations').set({ status: 'approved' }).where('id', '=', w.a.id).execute()
    }
    expect((await storyRow(id)).status).toBe('requested')
  })

  test('a self-declared story is signed with the young person’s own key, shown in their wallet, verifies, and says self-declared', async () => {
    const id = await saveStory(rt, await youth(), STORY)
    const credentialId = await selfDeclare(rt, await youth(), id, { level: 'practising' })
    const row = await credentialRow(credentialId)
    expect(row).toMatchObject({ origin: 'self_declared', issuer_organisation_id: null, issuer_did: w.youthA.did, holder_user_id: w.youthA.id, subject_did: w.youthA.did })
    const credential = readDocument({ document: row.document, format: row.format }).credential as Record<string, any>
    expect(credential.issuer).toMatchObject({ id: w.youthA.did, name: 'Samira B.' })
    expect(credential.credentialStatus).toBeUndefined()
    expect(evidenceLevelOf(credential)).toBe('self_declared')
    const result = await verifyOnInstance(rt, { input: row.document })
    expect(getCheck(result, 'proof')?.status).toBe('passed')
    expect(getCheck(result, 'issuer')?.status).not.toBe('passed')
    expect(await storyRow(id)).toMatchObject({ status: 'self_declared', credential_id: credentialId, evidence_level: 'self_declared' })
    const wallet = await listWalletCards(rt, await youth())
    expect([...wallet.visible, ...wallet.hidden].map((c) => c.id)).toContain(credentialId)
    expect(await code(selfDeclare(rt, await youth(), id, { level: 'practising' }))).toBe('CONFLICT')
  })
})
