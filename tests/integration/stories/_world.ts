import { createUser } from '@/lib/auth/service'
import { createOrganisation, getOrganisationOrThrow } from '@/lib/orgs/service'
import type { Runtime } from '@/lib/runtime'
import type { StoryDraftInput } from '@/lib/stories/schemas'
import { upsertConcepts } from '@/lib/taxonomy/repository'
import { ESCO } from '@/lib/taxonomy/types'
import { createApprovedOrganisation } from '@/tests/factories/world'
import { createTwoOrganisations, sessionUser } from '../issuer/_world'

export const SKILL_URI = 'http://data.europa.eu/esco/skill/stories-team'

/**
 * The issuer world (organisations A and B, each with a counsellor, a tutor, a recruiter and a young
 * person) plus: an ESCO skill, a pilot action of A with partner C (approved) and a pending
 * organisation P, each with a counsellor.
 */
export async function createStoriesWorld(rt: Runtime) {
  const w = await createTwoOrganisations(rt)
  const c = await createApprovedOrganisation(rt, { slug: 'partner-c', name: 'Partenaire C', kind: 'employer' })
  await createOrganisation(rt, { slug: 'pending-p', name: 'En attente P', kind: 'youth_support' })
  const p = await getOrganisationOrThrow(rt, 'pending-p')
  const counsellorC = await createUser(rt, { role: 'counsellor', username: 'cecile', displayName: 'Cécile Partenaire', organisationId: c.id })
  const counsellorP = await createUser(rt, { role: 'counsellor', username: 'mehdi', displayName: 'Mehdi Attente', organisationId: p.id })
  await upsertConcepts(rt.db, [{
    uri: SKILL_URI, kind: 'skill', framework: ESCO, code: null,
    labels: [{ lang: 'fr', label: 'travailler en équipe', altLabels: [], description: null }, { lang: 'en', label: 'work in teams', altLabels: [], description: null }],
  }])
  const as = async (id: string) => sessionUser(rt, id)
  return { ...w, c, p, counsellorC, counsellorP, as }
}

/** Adds `youthId` to a pilot action of `organisationId` with `partnerId` as partner. */
export async function joinPilot(rt: Runtime, organisationId: string, partnerId: string, youthId: string) {
  const id = crypto.randomUUID()
  const at = new Date().toISOString()
  await rt.db.insertInto('pilot_actions').values({ id, organisation_id: organisationId, name: 'Pilote', starts_on: '2026-01-01', ends_on: '2026-12-31', created_at: at }).execute()
  await rt.db.insertInto('pilot_partners').values({ pilot_id: id, organisation_id: partnerId, added_at: at }).execute()
  await rt.db.insertInto('pilot_members').values({ pilot_id: id, user_id: youthId, role: 'youth', added_at: at }).execute()
}

export const STORY: StoryDraftInput = {
  skillLabel: 'Travailler en équipe',
  skillUri: SKILL_URI,
  situation: 'À la fête de quartier, il fallait monter les stands avant midi.',
  whatIDid: 'J’ai réparti les tâches entre cinq bénévoles et tenu le planning.',
  outcome: 'Tout était prêt à l’heure et on m’a demandé de recommencer l’an prochain.',
  experienceId: undefined,
}

export type StoriesWorld = Awaited<ReturnType<typeof createStoriesWorld>>
