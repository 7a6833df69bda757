import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { issueForOrganisation } from '@/lib/issuing/service'
import { createShare, revokeShare } from '@/lib/portfolio/service'
import { createExperience, deleteExperience } from '@/lib/profile/service'
import { attestStory, requestAttestation, saveStory } from '@/lib/stories/service'
import { allDone, getFirstSteps } from '@/lib/wallet/first-steps'
import { listWalletCards } from '@/lib/wallet/service'
import { createTestRuntime } from '../../factories/runtime'
import { createStoriesWorld, STORY, type StoriesWorld } from '../stories/_world'

// The wallet's first-steps checklist (issue 12 §4): each step is read from what the young person
// really did — an experience written, a story sent to an attester or a credential received from
// someone else, a portfolio shared once — and the checklist goes when all three are done.

type Rt = Awaited<ReturnType<typeof createTestRuntime>>
let rt: Rt
let w: StoriesWorld

beforeAll(async () => {
  rt = await createTestRuntime()
  w = await createStoriesWorld(rt)
})
afterAll(() => rt.cleanup())

const steps = async (id: string) => {
  const user = await w.as(id)
  return getFirstSteps(rt, user, await listWalletCards(rt, user))
}

const EXPERIENCE = {
  kind: 'informal' as const, title: 'Garder mes petits frères', place: '', startedOn: '2025-09', endedOn: null,
  whatIDid: '', whatILearned: '', credentialIds: [],
}

describe('the first steps of a young person', () => {
  test('are ticked one by one as they are done, and are all done after the third', async () => {
    const id = w.youthA.id
    expect(await steps(id)).toEqual({ path: false, attestation: false, share: false })

    // A draft nobody was asked to read is not a request.
    const story = await saveStory(rt, await w.as(id), STORY)
    expect(await steps(id)).toEqual({ path: false, attestation: false, share: false })

    const experience = await createExperience(rt, await w.as(id), EXPERIENCE)
    expect(await steps(id)).toEqual({ path: true, attestation: false, share: false })

    await requestAttestation(rt, await w.as(id), story, w.counsellorA.id)
    expect(await steps(id)).toEqual({ path: true, attestation: true, share: false })

    const credentialId = await attestStory(rt, await w.as(w.counsellorA.id), story, { evidenceLevel: 'witnessed', level: 'practising' })
    const share = await createShare(rt, await w.as(id), { credentialIds: [credentialId], about: '', label: 'Boulangerie', expiresInDays: 30 })
    const done = await steps(id)
    expect(done).toEqual({ path: true, attestation: true, share: true })
    expect(allDone(done)).toBe(true)

    // A share revoked later still counts as done; a path emptied again does not.
    await revokeShare(rt, await w.as(id), share.id)
    expect((await steps(id)).share).toBe(true)
    await deleteExperience(rt, await w.as(id), experience)
    expect(allDone(await steps(id))).toBe(false)
  })

  test('a badge received from an organisation counts as an attestation, without any story', async () => {
    const id = w.youthB.id
    expect((await steps(id)).attestation).toBe(false)
    await issueForOrganisation(rt, { organisation: w.b, templateId: 'skill-badge', subjectDid: w.youthB.did!, claims: { skill: { name: 'Accueil' }, level: 'practising', criteria: 'A accueilli les clients au comptoir.' } })
    expect(await steps(id)).toEqual({ path: false, attestation: true, share: false })
  })

  test('only a young person has first steps', async () => {
    const recruiter = await w.as(w.recruiterA.id)
    await expect(getFirstSteps(rt, recruiter, { visible: [], hidden: [] })).rejects.toMatchObject({ code: 'FORBIDDEN' })
  })
})
