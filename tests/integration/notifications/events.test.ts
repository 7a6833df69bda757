import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { decideRequest, openThread, sendMessage } from '@/lib/contacts/service'
import { sendContactRequest } from '@/lib/directory/service'
import { issueBatchForOrganisation } from '@/lib/issuing/batch'
import { issueAsStaff } from '@/lib/issuing/staff'
import { createApiToken } from '@/lib/orgs/service'
import { acceptProposal, attestStory, declineStory, proposeEdits, requestAttestation, saveStory } from '@/lib/stories/service'
import { handleIssue } from '@/lib/vc-api/handlers'
import { credentialSegment } from '@/lib/wallet/paths'
import { createTestRuntime } from '../../factories/runtime'
import { STORY } from '../stories/_world'
import { CLAIMS, createNotificationsWorld, notificationsOf, total, type NotificationsWorld } from './_world'

// Issue 12 §5: each event makes exactly ONE notification, for the right person, with the names its
// text needs and an in-app link to what it is about.

let rt: Awaited<ReturnType<typeof createTestRuntime>>
let w: NotificationsWorld

beforeAll(async () => {
  rt = await createTestRuntime()
  w = await createNotificationsWorld(rt)
}, 60_000)
afterAll(() => rt.cleanup())
beforeEach(async () => {
  await rt.db.deleteFrom('notifications').execute()
  await rt.db.deleteFrom('contact_messages').execute()
  await rt.db.deleteFrom('contact_requests').execute()
  await rt.db.deleteFrom('skill_stories').execute()
})

const as = (id: string) => w.as(id)

async function contactRequest() {
  const { id } = await sendContactRequest(rt, await as(w.recruiterA.id), { handle: 'K7P3', message: 'Bonjour, nous cherchons quelqu’un pour l’accueil.' })
  return id
}

describe('contacts', () => {
  test('a recruiter’s contact request: one notification, for the young person, naming the organisation only', async () => {
    const id = await contactRequest()
    expect(await total(rt)).toBe(1)
    const [n] = await notificationsOf(rt, w.youthA.id)
    expect(n).toMatchObject({ kind: 'contact_request', link: '/contacts', params: { organisation: 'Mission Locale A' }, read_at: null, actor_user_id: w.recruiterA.id, topic: `contact:${id}` })
  })

  test('accepting tells the recruiter with the young person’s name; declining names nobody (blind)', async () => {
    const id = await contactRequest()
    await decideRequest(rt, await as(w.youthA.id), { contactId: id, decision: 'accept' })
    expect(await notificationsOf(rt, w.recruiterA.id)).toMatchObject([{ kind: 'contact_accepted', params: { name: 'Samira B.' }, link: `/contacts/${id}` }])

    await rt.db.deleteFrom('notifications').execute()
    await rt.db.deleteFrom('contact_requests').execute()
    const other = await contactRequest()
    await decideRequest(rt, await as(w.youthA.id), { contactId: other, decision: 'decline' })
    const [declined] = await notificationsOf(rt, w.recruiterA.id)
    expect(declined).toMatchObject({ kind: 'contact_declined', params: {}, link: '/contacts' })
    expect(JSON.stringify(declined)).not.toContain('Samira')
    expect(await total(rt)).toBe(2)
  })

  test('a message notifies the other party once per conversation until read; opening the conversation reads it', async () => {
    const id = await contactRequest()
    await decideRequest(rt, await as(w.youthA.id), { contactId: id, decision: 'accept' })
    await rt.db.deleteFrom('notifications').execute()
    await sendMessage(rt, await as(w.recruiterA.id), { contactId: id, body: 'Pouvez-vous passer mardi ?' })
    await sendMessage(rt, await as(w.recruiterA.id), { contactId: id, body: 'Ou mercredi.' })
    expect(await notificationsOf(rt, w.youthA.id)).toMatchObject([{ kind: 'contact_message', params: { name: 'Mission Locale A' }, link: `/contacts/${id}`, read_at: null }])
    expect(await total(rt)).toBe(1)
    await openThread(rt, await as(w.youthA.id), id)
    expect((await notificationsOf(rt, w.youthA.id))[0]!.read_at).not.toBeNull()

    await sendMessage(rt, await as(w.youthA.id), { contactId: id, body: 'Mardi, c’est parfait.' })
    expect(await notificationsOf(rt, w.recruiterA.id)).toMatchObject([{ kind: 'contact_message', params: { name: 'Samira B.' } }])
  })
})

describe('skill stories', () => {
  async function requested() {
    const id = await saveStory(rt, await as(w.youthA.id), STORY)
    await requestAttestation(rt, await as(w.youthA.id), id, w.counsellorA.id)
    return id
  }

  test('asking for an attestation: one notification, for the counsellor asked, leading to the request', async () => {
    const id = await requested()
    expect(await total(rt)).toBe(1)
    expect(await notificationsOf(rt, w.counsellorA.id)).toMatchObject([{ kind: 'story_request', params: { name: 'Samira B.', skill: 'Travailler en équipe' }, link: `/issuer/stories/${id}` }])
  })

  test('a proposal and the answer to it: one each way', async () => {
    const id = await requested()
    await rt.db.deleteFrom('notifications').execute()
    await proposeEdits(rt, await as(w.counsellorA.id), id, { skillLabel: 'Organiser une équipe', situation: STORY.situation, whatIDid: STORY.whatIDid, outcome: STORY.outcome, note: 'Plus précis.' })
    expect(await notificationsOf(rt, w.youthA.id)).toMatchObject([{ kind: 'story_proposal', params: { name: 'Claire Martin', skill: 'Travailler en équipe' }, link: `/stories/${id}` }])
    await acceptProposal(rt, await as(w.youthA.id), id)
    expect(await notificationsOf(rt, w.counsellorA.id)).toMatchObject([{ kind: 'story_answered', params: { name: 'Samira B.', skill: 'Organiser une équipe' } }])
    expect(await total(rt)).toBe(2)
  })

  test('a decline: one notification for the young person', async () => {
    const id = await requested()
    await rt.db.deleteFrom('notifications').execute()
    await declineStory(rt, await as(w.counsellorA.id), id, { message: 'Je n’étais pas là ce jour-là.' })
    expect(await total(rt)).toBe(1)
    expect(await notificationsOf(rt, w.youthA.id)).toMatchObject([{ kind: 'story_declined', link: `/stories/${id}` }])
  })

  test('an attestation: ONE notification (the story attested), not a second one for its badge', async () => {
    const id = await requested()
    await rt.db.deleteFrom('notifications').execute()
    const credentialId = await attestStory(rt, await as(w.counsellorA.id), id, { evidenceLevel: 'witnessed', level: 'practising' })
    expect(await total(rt)).toBe(1)
    expect(await notificationsOf(rt, w.youthA.id)).toMatchObject([{
      kind: 'story_attested', params: { name: 'Claire Martin', skill: 'Travailler en équipe' }, link: `/wallet/${credentialSegment(credentialId)}`,
    }])
  })
})

describe('badges and offers', () => {
  test('a badge issued from the form: one notification, for its holder, leading to it in the wallet', async () => {
    const issued = await issueAsStaff(rt, await as(w.counsellorA.id), { templateId: 'skill-badge', holderId: w.youthA.id, claims: CLAIMS })
    expect(await total(rt)).toBe(1)
    expect(await notificationsOf(rt, w.youthA.id)).toMatchObject([{
      kind: 'badge', params: { title: issued.title, organisation: 'Mission Locale A' }, link: `/wallet/${credentialSegment(issued.id)}`, actor_user_id: w.counsellorA.id,
    }])
  })

  test('bulk issuing: one notification per young person whose wallet got a badge, none for a DID that is no one’s here', async () => {
    const stranger = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK'
    const outcomes = await issueBatchForOrganisation(rt, {
      organisation: { id: w.a.id }, templateId: 'skill-badge', issuedByUserId: w.counsellorA.id,
      items: [w.youthA.did!, w.youthB.did!, stranger].map((subjectDid) => ({ subjectDid, claims: CLAIMS })),
    })
    expect(outcomes.every((o) => 'issued' in o)).toBe(true)
    expect(await total(rt)).toBe(2)
    for (const [i, youth] of [w.youthA, w.youthB].entries()) {
      const id = (outcomes[i] as { issued: { id: string } }).issued.id
      expect(await notificationsOf(rt, youth.id)).toMatchObject([{ kind: 'badge', link: `/wallet/${credentialSegment(id)}`, params: { organisation: 'Mission Locale A' } }])
    }
  })

  test('an offer from an organisation that does not accompany them: one “offer” notification, no “badge”', async () => {
    const token = await createApiToken(rt, { slug: 'partner-c' })
    const res = await handleIssue(rt, new Request('http://localhost/credentials/issue', {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ templateId: 'skill-badge', credentialSubject: { id: w.youthB.did }, claims: CLAIMS }),
    }))
    expect(res.status).toBe(201)
    expect(await total(rt)).toBe(1)
    expect(await notificationsOf(rt, w.youthB.id)).toMatchObject([{ kind: 'offer', params: { organisation: 'Partenaire C' }, link: '/wallet#offers-title', actor_user_id: null }])
  })
})
