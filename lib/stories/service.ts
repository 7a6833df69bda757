import { randomUUID } from 'node:crypto'
import type { SessionUser } from '@/lib/auth/sessions'
import { issueCredential } from '@/lib/credentials/issue'
import type { Level } from '@/lib/credentials/templates/skill-badge'
import { AppError, ValidationError, type FieldError } from '@/lib/errors'
import { insertCredential } from '@/lib/issuing/repository'
import { issueForOrganisation } from '@/lib/issuing/service'
import { notify } from '@/lib/notifications/service'
import type { Runtime } from '@/lib/runtime'
import { getConcept } from '@/lib/taxonomy/service'
import { credentialSegment } from '@/lib/wallet/paths'
import * as repo from './repository'
import {
  EDITABLE_STATUSES, OPEN_STORIES_MAX, TEXT_MIN_TO_SEND,
  type AttestInput, type ProposalInput, type StoryDraftInput, type StoryStatus,
} from './schemas'

// Co-written skill stories. A young person tells how they used a skill (the situation, what they
// did, what came of it), then asks a counsellor or tutor who knows them to attest it, or keeps it
// as self-declared (signed with their own key). The attester proposes edits, declines with a
// message, or issues a skill badge carrying the story. Every change is a conditional update on the
// status, so a double click or a second tab never applies twice.

export type Actor = Pick<SessionUser, 'id' | 'role'> & Partial<Pick<SessionUser, 'organisationId'>>
type Lang = 'fr' | 'en'

export interface StoryTexts {
  skillLabel: string
  situation: string
  whatIDid: string
  outcome: string
}
export interface ProposalDto extends StoryTexts {
  note: string
}
export interface StoryDto extends StoryTexts {
  id: string
  skillUri: string | null
  status: StoryStatus
  experience: { id: string; title: string } | null
  attester: { id: string; name: string; organisationName: string | null } | null
  youthName: string
  proposal: ProposalDto | null
  declineMessage: string | null
  credentialId: string | null
  evidenceLevel: string | null
  createdAt: string
  updatedAt: string
  requestedAt: string | null
  decidedAt: string | null
}
export interface AttesterChoice {
  id: string
  name: string
  role: 'counsellor' | 'tutor'
  organisationName: string
}

const lang = (l: string | null | undefined): Lang => (l === 'en' ? 'en' : 'fr')

function assertYouth(user: Actor) {
  if (user.role !== 'youth') throw new AppError('FORBIDDEN', 'Only a young person writes skill stories')
}
function assertAttester(user: Actor) {
  if (user.role !== 'counsellor' && user.role !== 'tutor') throw new AppError('FORBIDDEN', 'Only a counsellor or a tutor attests skill stories')
}
const notFound = () => new AppError('NOT_FOUND', 'No such story')
const conflict = () => new AppError('CONFLICT', 'The story changed meanwhile')

function parseProposal(text: string | null): ProposalDto | null {
  if (!text) return null
  try {
    const p = JSON.parse(text) as Partial<ProposalDto>
    return { skillLabel: p.skillLabel ?? '', situation: p.situation ?? '', whatIDid: p.whatIDid ?? '', outcome: p.outcome ?? '', note: p.note ?? '' }
  } catch {
    return null
  }
}

function toDto(row: repo.StoryRow): StoryDto {
  return {
    id: row.id,
    skillLabel: row.skill_label,
    skillUri: row.skill_uri,
    situation: row.situation,
    whatIDid: row.what_i_did,
    outcome: row.outcome,
    status: row.status,
    experience: row.experience_id && row.experience_title ? { id: row.experience_id, title: row.experience_title } : null,
    attester: row.attester_user_id ? { id: row.attester_user_id, name: row.attester_name ?? '', organisationName: row.organisation_name } : null,
    youthName: row.youth_name,
    proposal: row.status === 'changes_proposed' ? parseProposal(row.proposal) : null,
    declineMessage: row.status === 'declined' ? row.decline_message : null,
    credentialId: row.credential_id,
    evidenceLevel: row.evidence_level,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    requestedAt: row.requested_at,
    decidedAt: row.decided_at,
  }
}

// ——— The young person ———

export async function listMyStories(rt: Pick<Runtime, 'db'>, user: Actor): Promise<StoryDto[]> {
  assertYouth(user)
  return (await repo.listYouthStories(rt.db, user.id)).map(toDto)
}

/** @throws AppError NOT_FOUND for a story that is not theirs (the same as one that does not exist). */
export async function getMyStoryOrThrow(rt: Pick<Runtime, 'db'>, user: Actor, id: string): Promise<StoryDto> {
  assertYouth(user)
  const row = await repo.findYouthStory(rt.db, user.id, id)
  if (!row) throw notFound()
  return toDto(row)
}

/** The ESCO skill chosen must exist; its label stays the young person's (they may word it their way). */
async function checkDraft(rt: Pick<Runtime, 'db'>, user: Actor, input: StoryDraftInput) {
  const errors: FieldError[] = []
  if (input.skillUri) {
    const concept = await getConcept(rt, { uri: input.skillUri, lang: 'en' })
    if (!concept || concept.kind !== 'skill') errors.push({ path: '/skillUri', message: 'unknownSkill' })
  }
  if (input.experienceId && !(await repo.findExperienceTitle(rt.db, user.id, input.experienceId))) errors.push({ path: '/experienceId', message: 'unknownExperience' })
  if (errors.length) throw new ValidationError('The story cannot be saved', errors)
}

/**
 * Saves a new draft, or edits one (a draft, or a declined story — which goes back to draft).
 * @throws ValidationError (unknown skill or experience, too many open stories), AppError NOT_FOUND, CONFLICT.
 */
export async function saveStory(rt: Pick<Runtime, 'db'>, user: Actor, input: StoryDraftInput, id?: string, now = new Date()): Promise<string> {
  assertYouth(user)
  await checkDraft(rt, user, input)
  const at = now.toISOString()
  const values = {
    skill_uri: input.skillUri ?? null, skill_label: input.skillLabel, situation: input.situation, what_i_did: input.whatIDid,
    outcome: input.outcome, experience_id: input.experienceId ?? null, updated_at: at,
  }
  if (id) {
    if (!(await repo.findYouthStory(rt.db, user.id, id))) throw notFound()
    const changed = await repo.updateStoryIf(rt.db, { id, youthId: user.id, from: EDITABLE_STATUSES },
      { ...values, status: 'draft', decline_message: null, attester_user_id: null, attester_organisation_id: null, decided_at: null })
    if (!changed) throw conflict()
    return id
  }
  if ((await repo.countOpenStories(rt.db, user.id)) >= OPEN_STORIES_MAX) throw new ValidationError('Too many open stories', [{ path: '', message: 'tooManyStories' }])
  const newId = randomUUID()
  await repo.insertStory(rt.db, { id: newId, youth_user_id: user.id, status: 'draft', created_at: at, ...values })
  return newId
}

/** Only a draft or a declined story is deleted; one that is being read, or became a credential, stays. */
export async function deleteStory(rt: Pick<Runtime, 'db'>, user: Actor, id: string): Promise<void> {
  assertYouth(user)
  if (!(await repo.findYouthStory(rt.db, user.id, id))) throw notFound()
  if (!(await repo.deleteStoryIf(rt.db, user.id, id, EDITABLE_STATUSES))) throw conflict()
}

export async function listAttesterChoices(rt: Pick<Runtime, 'db'>, user: Actor): Promise<AttesterChoice[]> {
  assertYouth(user)
  const rows = await repo.listKnownAttesters(rt.db, user.id)
  return rows.map((r) => ({ id: r.id, name: r.display_name, role: r.role as AttesterChoice['role'], organisationName: r.organisation_name }))
}

/** Nobody is asked to sign, and nothing is self-signed, with an empty part. */
function assertComplete(story: StoryTexts) {
  const errors = (['situation', 'whatIDid', 'outcome'] as const)
    .filter((k) => story[k].trim().length < TEXT_MIN_TO_SEND)
    .map((k) => ({ path: `/${k}`, message: 'incomplete' }))
  if (errors.length) throw new ValidationError('The story is not complete', errors)
}

/**
 * Sends a draft (or a declined story) to a counsellor or tutor who knows the young person.
 * @throws AppError FORBIDDEN for anyone else; ValidationError for an incomplete story.
 */
export async function requestAttestation(rt: Pick<Runtime, 'db'>, user: Actor, id: string, attesterId: string, now = new Date()): Promise<void> {
  const story = await getMyStoryOrThrow(rt, user, id)
  const attester = (await repo.listKnownAttesters(rt.db, user.id)).find((a) => a.id === attesterId)
  if (!attester) throw new AppError('FORBIDDEN', 'This person cannot attest your stories')
  assertComplete(story)
  const at = now.toISOString()
  const changed = await repo.updateStoryIf(rt.db, { id, youthId: user.id, from: EDITABLE_STATUSES }, {
    status: 'requested', attester_user_id: attester.id, attester_organisation_id: attester.organisation_id,
    requested_at: at, updated_at: at, decline_message: null, proposal: null, decided_at: null,
  })
  if (!changed) throw conflict()
  await notify(rt.db, { to: attester.id, kind: 'story_request', params: { name: story.youthName, skill: story.skillLabel }, link: `/issuer/stories/${id}`, actor: user.id, topic: `story:${id}`, now })
}

/** Tells the attester the story is back with them (the young person answered their proposal). */
async function notifyAnswered(rt: Pick<Runtime, 'db'>, user: Actor, story: StoryDto, now: Date) {
  if (!story.attester) return
  await notify(rt.db, { to: story.attester.id, kind: 'story_answered', params: { name: story.youthName, skill: story.skillLabel }, link: `/issuer/stories/${story.id}`, actor: user.id, topic: `story:${story.id}`, now })
}

/** Tells the young person what the attester did with their story. */
async function notifyYouth(rt: Pick<Runtime, 'db'>, user: Actor, story: StoryDto, kind: 'story_proposal' | 'story_declined', now: Date) {
  const youthId = (await repo.findAttesterStory(rt.db, user.id, story.id))?.youth_user_id
  if (!youthId) return
  await notify(rt.db, { to: youthId, kind, params: { name: story.attester?.name ?? '', skill: story.skillLabel }, link: `/stories/${story.id}`, actor: user.id, topic: `story:${story.id}`, now })
}

/** Takes the attester's proposal: the texts are replaced, and the story goes back to them. */
export async function acceptProposal(rt: Pick<Runtime, 'db'>, user: Actor, id: string, now = new Date()): Promise<void> {
  const story = await getMyStoryOrThrow(rt, user, id)
  if (story.status !== 'changes_proposed' || !story.proposal) throw conflict()
  const p = story.proposal
  const changed = await repo.updateStoryIf(rt.db, { id, youthId: user.id, from: ['changes_proposed'] }, {
    skill_label: p.skillLabel || story.skillLabel, situation: p.situation, what_i_did: p.whatIDid, outcome: p.outcome,
    status: 'requested', proposal: null, updated_at: now.toISOString(),
  })
  if (!changed) throw conflict()
  await notifyAnswered(rt, user, { ...story, skillLabel: p.skillLabel || story.skillLabel }, now)
}

/** Keeps the young person's own words: the proposal goes, the story goes back to the attester as it was. */
export async function keepMyText(rt: Pick<Runtime, 'db'>, user: Actor, id: string, now = new Date()): Promise<void> {
  const story = await getMyStoryOrThrow(rt, user, id)
  const changed = await repo.updateStoryIf(rt.db, { id, youthId: user.id, from: ['changes_proposed'] }, { status: 'requested', proposal: null, updated_at: now.toISOString() })
  if (!changed) throw conflict()
  await notifyAnswered(rt, user, story, now)
}

const SELF_CRITERIA: Record<Lang, string> = {
  fr: 'Déclaré par la personne elle-même, avec son récit. Personne d’autre ne l’a vérifié.',
  en: 'Declared by the person themself, with their story. Nobody else checked it.',
}

/**
 * Keeps the story as SELF-DECLARED: a skill badge the young person signs with their own key
 * (issuer = subject = their DID, no status list), stored in their wallet with origin
 * 'self_declared', in one transaction with the story's change.
 * @returns the credential id.
 */
export async function selfDeclare(rt: Runtime, user: Actor, id: string, input: { level: Level }, now = new Date()): Promise<string> {
  const story = await getMyStoryOrThrow(rt, user, id)
  if (!(EDITABLE_STATUSES as readonly string[]).includes(story.status)) throw conflict()
  assertComplete(story)
  const youth = await rt.db.selectFrom('users').select(['did', 'display_name', 'locale']).where('id', '=', user.id).executeTakeFirstOrThrow()
  if (!youth.did) throw new AppError('CONFLICT', 'This account has no wallet key')
  const l = lang(youth.locale)
  const claims = { ...(await badgeClaims(rt, story, l)), criteria: SELF_CRITERIA[l], level: input.level, evidenceLevel: 'self_declared' }
  const issued = await issueCredential({
    agent: rt.agent, issuer: { did: youth.did, name: youth.display_name }, subjectDid: youth.did,
    templateId: 'skill-badge', claims, publicUrl: rt.env.publicUrl, now,
  })
  const at = now.toISOString()
  await rt.db.transaction().execute(async (trx) => {
    await insertCredential(trx, {
      id: issued.id, issuer_organisation_id: null, issuer_did: youth.did, issued_by_user_id: user.id, holder_user_id: user.id,
      subject_did: youth.did!, template_id: issued.templateId, format: issued.format, document: issued.document, title: issued.title,
      valid_from: issued.validFrom, valid_until: issued.validUntil, created_at: at, language: l, origin: 'self_declared',
    })
    // The status is the lock: a second click finds the story self-declared already, and its credential is rolled back.
    const changed = await repo.updateStoryIf(trx, { id, youthId: user.id, from: EDITABLE_STATUSES }, {
      status: 'self_declared', credential_id: issued.id, evidence_level: 'self_declared', decided_at: at, updated_at: at,
      attester_user_id: null, attester_organisation_id: null, decline_message: null,
    })
    if (!changed) throw conflict()
  })
  return issued.id
}

/** The skill badge's skill and story, from the story: the ESCO alignment when a skill was chosen. */
async function badgeClaims(rt: Pick<Runtime, 'db'>, story: StoryDto, l: Lang) {
  const concept = story.skillUri ? await getConcept(rt, { uri: story.skillUri, lang: l }) : undefined
  return {
    skill: {
      name: story.skillLabel,
      ...(concept ? { alignment: [{ targetName: concept.label, targetUrl: concept.uri, targetFramework: 'ESCO' }] } : {}),
    },
    story: { situation: story.situation, whatIDid: story.whatIDid, outcome: story.outcome },
    language: l,
  }
}

// ——— The attester ———

/** Requests addressed to this attester (newest first), and those waiting for the young person's answer to a proposal. */
export async function listStoryRequests(rt: Pick<Runtime, 'db'>, user: Actor): Promise<{ requested: StoryDto[]; waiting: StoryDto[] }> {
  assertAttester(user)
  const rows = (await repo.listAttesterStories(rt.db, user.id, ['requested', 'changes_proposed'])).map(toDto)
  return { requested: rows.filter((r) => r.status === 'requested'), waiting: rows.filter((r) => r.status === 'changes_proposed') }
}

/** @throws AppError NOT_FOUND for a story not addressed to this attester. */
export async function getStoryForAttesterOrThrow(rt: Pick<Runtime, 'db'>, user: Actor, id: string): Promise<StoryDto> {
  assertAttester(user)
  const row = await repo.findAttesterStory(rt.db, user.id, id)
  if (!row) throw notFound()
  const dto = toDto(row)
  // A proposal belongs to the attester who wrote it: they see it while the young person decides.
  return row.status === 'changes_proposed' ? { ...dto, proposal: parseProposal(row.proposal) } : dto
}

async function requestedStoryOrThrow(rt: Pick<Runtime, 'db'>, user: Actor, id: string): Promise<StoryDto> {
  const story = await getStoryForAttesterOrThrow(rt, user, id)
  if (story.status !== 'requested') throw conflict()
  return story
}

export async function proposeEdits(rt: Pick<Runtime, 'db'>, user: Actor, id: string, input: ProposalInput, now = new Date()): Promise<void> {
  const story = await requestedStoryOrThrow(rt, user, id)
  const proposal: ProposalDto = { skillLabel: input.skillLabel, situation: input.situation, whatIDid: input.whatIDid, outcome: input.outcome, note: input.note }
  const changed = await repo.updateStoryIf(rt.db, { id, attesterId: user.id, from: ['requested'] }, { status: 'changes_proposed', proposal: JSON.stringify(proposal), updated_at: now.toISOString() })
  if (!changed) throw conflict()
  await notifyYouth(rt, user, story, 'story_proposal', now)
}

export async function declineStory(rt: Pick<Runtime, 'db'>, user: Actor, id: string, input: { message: string }, now = new Date()): Promise<void> {
  const story = await requestedStoryOrThrow(rt, user, id)
  const at = now.toISOString()
  const changed = await repo.updateStoryIf(rt.db, { id, attesterId: user.id, from: ['requested'] }, { status: 'declined', decline_message: input.message, decided_at: at, updated_at: at })
  if (!changed) throw conflict()
  await notifyYouth(rt, user, story, 'story_declined', now)
}

const WITNESSED_CRITERIA: Record<Lang, (who: string) => string> = {
  fr: (who) => `Vu en situation par ${who}, qui a lu et confirmé ce récit.`,
  en: (who) => `Seen in action by ${who}, who read and confirmed this story.`,
}

/**
 * Issues the story as a skill badge in the attester's organisation's name (approved organisations
 * only), with the story and the evidence level; the story becomes attested in the SAME transaction
 * as the credential, on condition that it is still requested: of two concurrent calls one issues,
 * the other is rolled back whole.
 * @returns the credential id.
 */
export async function attestStory(rt: Runtime, user: Actor, id: string, input: AttestInput, now = new Date()): Promise<string> {
  const story = await requestedStoryOrThrow(rt, user, id)
  if (input.evidenceLevel === 'assessed' && (input.criteria?.trim().length ?? 0) < 10) throw new ValidationError('Assessed needs its criteria', [{ path: '/criteria', message: 'criteriaRequired' }])
  const attester = await rt.db.selectFrom('users').select(['display_name', 'organisation_id', 'locale']).where('id', '=', user.id).executeTakeFirstOrThrow()
  // The organisation is the one the request was addressed to; a person who changed organisation since cannot sign for it.
  const orgId = (await repo.findAttesterStory(rt.db, user.id, id))?.attester_organisation_id
  if (!orgId || attester.organisation_id !== orgId) throw new AppError('FORBIDDEN', 'You no longer act for the organisation asked')
  const youth = await rt.db.selectFrom('skill_stories').innerJoin('users', 'users.id', 'skill_stories.youth_user_id').select(['users.did', 'users.id']).where('skill_stories.id', '=', id).executeTakeFirstOrThrow()
  if (!youth.did) throw new AppError('CONFLICT', 'The young person has no wallet key')
  const l = lang(attester.locale)
  const criteria = input.evidenceLevel === 'assessed' ? input.criteria!.trim() : WITNESSED_CRITERIA[l](attester.display_name)
  const claims = { ...(await badgeClaims(rt, story, l)), level: input.level, criteria, evidenceLevel: input.evidenceLevel }
  const issued = await issueForOrganisation(rt, {
    organisation: { id: orgId }, templateId: 'skill-badge', subjectDid: youth.did, claims, issuedByUserId: user.id, now,
    within: async (trx, credential) => {
      const at = new Date().toISOString()
      const changed = await repo.updateStoryIf(trx, { id, attesterId: user.id, from: ['requested'] }, {
        status: 'attested', credential_id: credential.id, evidence_level: input.evidenceLevel, decided_at: at, updated_at: at,
      })
      if (!changed) throw conflict()
      // Replaces the "new badge" notification of the same credential (same topic): one for this event.
      await notify(trx, {
        to: youth.id, kind: 'story_attested', params: { name: attester.display_name, skill: story.skillLabel },
        link: `/wallet/${credentialSegment(credential.id)}`, actor: user.id, topic: `credential:${credential.id}`, now,
      })
    },
  })
  return issued.id
}


/** The young person's experiences, to link a story to one of them. */
export async function listExperienceChoices(rt: Pick<Runtime, 'db'>, user: Actor): Promise<{ id: string; title: string }[]> {
  assertYouth(user)
  return repo.listExperienceChoices(rt.db, user.id)
}
