import { randomUUID } from 'node:crypto'
import { AppError, ValidationError } from '@/lib/errors'
import type { Runtime } from '@/lib/runtime'
import { getConcept } from '@/lib/taxonomy/service'
import { findHolderCredentialIds } from '@/lib/wallet/repository'
import { assertYouth, listWalletCards, type Actor } from '@/lib/wallet/service'
import * as repo from './repository'
import {
  LANGUAGE_CODES, LANGUAGE_LEVELS, MAX_EXPERIENCES, PROFILE_SECTIONS,
  type Availability, type ExperienceInput, type ExperienceKind, type GoalsInput, type LanguageLevel, type ProfileSection,
} from './schemas'

// The young person's profile: their path (experiences of every kind, in their own words), the
// jobs they aim at, where and when they can work, the languages they speak. Only they read and
// write it; a portfolio share shows the sections they chose, as their own words (nothing here is
// verified by anyone).

export interface ExperienceDto {
  id: string
  kind: ExperienceKind
  title: string
  place: string
  startedOn: string
  /** null = ongoing */
  endedOn: string | null
  whatIDid: string
  whatILearned: string
}

export interface LinkedCredentialDto {
  id: string
  title: string
}

export interface ExperienceWithCredentials extends ExperienceDto {
  credentials: LinkedCredentialDto[]
}

export interface GoalDto {
  occupationUri: string | null
  label: string
}

export interface LanguageDto {
  code: (typeof LANGUAGE_CODES)[number]
  level: LanguageLevel
}

export interface GoalsDto {
  goals: GoalDto[]
  region: string
  availability: Availability | null
  languages: LanguageDto[]
}

export interface ProfileDto extends GoalsDto {
  experiences: ExperienceWithCredentials[]
}

function toExperience(row: repo.ExperienceRow): ExperienceDto {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    place: row.place ?? '',
    startedOn: row.started_on,
    endedOn: row.ended_on,
    whatIDid: row.what_i_did,
    whatILearned: row.what_i_learned,
  }
}

/** Ongoing first, then the latest start. */
function newestFirst(a: ExperienceDto, b: ExperienceDto): number {
  if ((a.endedOn === null) !== (b.endedOn === null)) return a.endedOn === null ? -1 : 1
  return b.startedOn.localeCompare(a.startedOn) || (b.endedOn ?? '').localeCompare(a.endedOn ?? '')
}

function parseLanguages(text: string | null | undefined): LanguageDto[] {
  try {
    const list = JSON.parse(text ?? '[]') as unknown
    if (!Array.isArray(list)) return []
    return list.filter((l): l is LanguageDto => typeof l?.code === 'string' && (LANGUAGE_CODES as readonly string[]).includes(l.code)
      && (LANGUAGE_LEVELS as readonly string[]).includes(l.level))
  } catch {
    return []
  }
}

async function loadGoals(rt: Pick<Runtime, 'db'>, userId: string, lang: string): Promise<GoalsDto> {
  const [profile, goals] = await Promise.all([repo.findProfile(rt.db, userId), repo.listGoals(rt.db, userId)])
  return {
    // An ESCO goal reads in the reader's language when the taxonomy has it, else as it was chosen.
    goals: await Promise.all(goals.map(async (g) => ({
      occupationUri: g.occupation_uri,
      label: (g.occupation_uri ? (await getConcept(rt, { uri: g.occupation_uri, lang }))?.label : undefined) ?? g.label,
    }))),
    region: profile?.region ?? '',
    availability: profile?.availability ?? null,
    languages: parseLanguages(profile?.languages),
  }
}

/** The whole profile of the young person, experiences newest first with the credentials they gave. */
export async function getProfile(rt: Pick<Runtime, 'db'>, user: Actor, lang: string): Promise<ProfileDto> {
  assertYouth(user)
  const [rows, links, wallet, goals] = await Promise.all([
    repo.listExperiences(rt.db, user.id), repo.listLinks(rt.db, user.id), listWalletCards(rt, user), loadGoals(rt, user.id, lang),
  ])
  const titles = new Map([...wallet.visible, ...wallet.hidden].map((c) => [c.id, c.title]))
  const experiences = rows.map(toExperience).sort(newestFirst).map((e) => ({
    ...e,
    credentials: links.filter((l) => l.experience_id === e.id && titles.has(l.credential_id))
      .map((l) => ({ id: l.credential_id, title: titles.get(l.credential_id)! })),
  }))
  return { ...goals, experiences }
}

/** @throws AppError NOT_FOUND when the experience is not this young person's. */
export async function getExperienceOrThrow(rt: Pick<Runtime, 'db'>, user: Actor, id: string): Promise<ExperienceDto & { credentialIds: string[] }> {
  assertYouth(user)
  const row = await repo.findExperience(rt.db, user.id, id)
  if (!row) throw new AppError('NOT_FOUND', 'No such experience')
  const links = await repo.listLinks(rt.db, user.id)
  return { ...toExperience(row), credentialIds: links.filter((l) => l.experience_id === id).map((l) => l.credential_id) }
}

async function assertOwnCredentials(rt: Pick<Runtime, 'db'>, user: Actor, ids: string[]): Promise<string[]> {
  const unique = [...new Set(ids)]
  const owned = await findHolderCredentialIds(rt.db, user.id, unique)
  if (owned.length !== unique.length) throw new AppError('NOT_FOUND', 'A chosen credential is not in this wallet')
  return unique
}

/**
 * Adds an experience (and links the chosen credentials of the wallet to it).
 * @throws AppError FORBIDDEN for another role; NOT_FOUND for a credential that is not theirs;
 *   ValidationError at the limit of experiences.
 */
export async function createExperience(rt: Pick<Runtime, 'db'>, user: Actor, input: ExperienceInput, now = new Date()): Promise<string> {
  assertYouth(user)
  const credentialIds = await assertOwnCredentials(rt, user, input.credentialIds)
  if ((await repo.countExperiences(rt.db, user.id)) >= MAX_EXPERIENCES) {
    throw new ValidationError('Too many experiences', [{ path: '/experiences', message: 'tooManyExperiences' }])
  }
  const at = now.toISOString()
  const row = { id: randomUUID(), user_id: user.id, ...columns(input), created_at: at, updated_at: at }
  await repo.saveExperience(rt.db, row, credentialIds, 'insert')
  return row.id
}

/** @throws AppError NOT_FOUND for another's experience or credential; FORBIDDEN for another role. */
export async function updateExperience(rt: Pick<Runtime, 'db'>, user: Actor, id: string, input: ExperienceInput, now = new Date()): Promise<void> {
  assertYouth(user)
  const existing = await repo.findExperience(rt.db, user.id, id)
  if (!existing) throw new AppError('NOT_FOUND', 'No such experience')
  const credentialIds = await assertOwnCredentials(rt, user, input.credentialIds)
  await repo.saveExperience(rt.db, { ...existing, ...columns(input), updated_at: now.toISOString() }, credentialIds, 'update')
}

function columns(input: ExperienceInput) {
  return {
    kind: input.kind,
    title: input.title,
    place: input.place || null,
    started_on: input.startedOn,
    ended_on: input.endedOn,
    what_i_did: input.whatIDid,
    what_i_learned: input.whatILearned,
  }
}

/** Deletes an experience; its credentials stay in the wallet, unlinked. @throws AppError NOT_FOUND */
export async function deleteExperience(rt: Pick<Runtime, 'db'>, user: Actor, id: string): Promise<void> {
  assertYouth(user)
  if ((await repo.deleteExperience(rt.db, user.id, id)) === 0) throw new AppError('NOT_FOUND', 'No such experience')
}

/** The experience a credential of the wallet came from, or null. @throws AppError NOT_FOUND for another's credential. */
export async function experienceOfCredential(rt: Pick<Runtime, 'db'>, user: Actor, credentialId: string): Promise<{ id: string; kind: ExperienceKind; title: string } | null> {
  assertYouth(user)
  await assertOwnCredentials(rt, user, [credentialId])
  const row = await repo.findExperienceOfCredential(rt.db, user.id, credentialId)
  return row ? { id: row.id, kind: row.kind, title: row.title } : null
}

/** The goals part of the profile, for its form. */
export async function getGoals(rt: Pick<Runtime, 'db'>, user: Actor, lang: string): Promise<GoalsDto> {
  assertYouth(user)
  return loadGoals(rt, user.id, lang)
}

/**
 * Saves goals (in order), region, availability and languages. An ESCO goal must name an
 * occupation of the taxonomy. @throws ValidationError otherwise; AppError FORBIDDEN for another role.
 */
export async function saveGoals(rt: Pick<Runtime, 'db'>, user: Actor, input: GoalsInput, now = new Date()): Promise<void> {
  assertYouth(user)
  const uris = input.goals.map((g) => g.occupationUri).filter((u): u is string => Boolean(u))
  const known = await repo.findOccupationUris(rt.db, uris)
  if (uris.some((u) => !known.has(u))) throw new ValidationError('Unknown occupation', [{ path: '/goals', message: 'goalUnknown' }])
  const seen = new Set<string>()
  const goals = input.goals.filter((g) => {
    const key = g.occupationUri ?? `label:${g.label.toLowerCase()}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
  await repo.saveGoals(rt.db, user.id, {
    region: input.region || null,
    availability: input.availability || null,
    languages: JSON.stringify(input.languages),
    goals: goals.map((g) => ({ id: randomUUID(), occupation_uri: g.occupationUri, label: g.label })),
  }, now.toISOString())
}

/** What a share shows of its holder's profile: only the chosen sections, only what they wrote. */
export interface SharedProfile {
  sections: ProfileSection[]
  path?: ExperienceDto[]
  goals?: GoalDto[]
  languages?: LanguageDto[]
  availability?: { availability: Availability | null; region: string }
}

/** The sections chosen for a share, read for its public view (the caller has opened the share). */
export async function sharedProfile(rt: Pick<Runtime, 'db'>, shareId: string, holderId: string, lang: string): Promise<SharedProfile> {
  const chosen = new Set(await repo.listShareSections(rt.db, shareId))
  const sections = PROFILE_SECTIONS.filter((s) => chosen.has(s))
  if (!sections.length) return { sections }
  const [rows, goals] = await Promise.all([
    chosen.has('path') ? repo.listExperiences(rt.db, holderId) : Promise.resolve([]),
    loadGoals(rt, holderId, lang),
  ])
  return {
    sections,
    ...(chosen.has('path') && { path: rows.map(toExperience).sort(newestFirst) }),
    ...(chosen.has('goals') && { goals: goals.goals }),
    ...(chosen.has('languages') && { languages: goals.languages }),
    ...(chosen.has('availability') && { availability: { availability: goals.availability, region: goals.region } }),
  }
}
