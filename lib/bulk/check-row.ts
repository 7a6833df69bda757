import type { FieldError } from '@/lib/errors'
import { conceptToAlignment, messageKey } from '@/lib/issuing/issue-form'
import { validateIssueClaims } from '@/lib/issuing/staff'
import type { Runtime } from '@/lib/runtime'
import type { BulkColumn, CsvRecord } from './csv'
import { REPLACEMENT } from './encoding'
import { parseEvidenceLevel, parseLevel } from './levels'
import * as repo from './repository'

// One CSV row checked and turned into skill-badge claims, as the issuing form checks them
// (decision 012 "Preview"); the level and evidence level in the counsellor's words (./levels.ts).

export const TEMPLATE_ID = 'skill-badge'

/** Why a row cannot be issued: the CSV column and a message key of `pilots.errors` ("tooLong:300" carries its number). */
export interface RowError { column: BulkColumn | 'row'; key: string }

export interface Person { id: string; username: string; email: string | null; did: string | null; display_name: string }

/** The young people of the organisation (onboarded there), by username, e-mail and DID. */
export async function peopleIndex(rt: Pick<Runtime, 'db'>, organisationId: string) {
  const people = await repo.listYouthOf(rt.db, organisationId)
  const index = new Map<string, Person>()
  for (const p of people) {
    index.set(p.username.toLowerCase(), p)
    if (p.email) index.set(p.email.toLowerCase(), p)
    if (p.did) index.set(p.did, p)
  }
  return index
}

/** A skill given as a taxonomy URI (must be known) or as a label (matched to a concept when one has exactly that name). */
async function resolveSkill(rt: Pick<Runtime, 'db'>, value: string, lang: string) {
  if (/^https?:\/\//i.test(value)) {
    const rows = await repo.listSkillLabelsByUri(rt.db, value)
    const row = rows.find((r) => r.lang === lang) ?? rows.find((r) => r.lang === 'en') ?? rows[0]
    return row ? { name: row.label, alignment: conceptToAlignment(row) } : undefined
  }
  const row = await repo.findSkillByLabel(rt.db, value, lang)
  return { name: value, alignment: row ? conceptToAlignment(row) : undefined }
}

/** The `evidence_level` column: how the organisation knows (optional; witnessed when empty). Self-declared is not theirs to state. */
const CSV_EVIDENCE_LEVELS: readonly string[] = ['witnessed', 'assessed']

/** JSON pointers of the skill-badge claims → the CSV column they came from. */
function columnForPointer(path: string): BulkColumn | 'row' {
  if (path.startsWith('/evidenceLevel')) return 'evidence_level'
  if (path.startsWith('/skill')) return 'skill'
  if (path.startsWith('/level')) return 'level'
  if (path.startsWith('/criteria')) return 'observation'
  if (path.startsWith('/evidence')) return 'evidence_url'
  if (path.startsWith('/validUntil')) return 'valid_until'
  if (path.startsWith('/language')) return 'language'
  return 'row'
}

export const schemaErrors = (errors: FieldError[]): RowError[] => errors.map((e) => ({ column: columnForPointer(e.path), key: messageKey(e.message) }))

/** One CSV row as skill-badge claims, checked exactly as the issuing form checks them. */
export async function checkCsvRow(rt: Pick<Runtime, 'db'>, row: CsvRecord, people: Map<string, Person>, uiLocale: string, now: Date) {
  const errors: RowError[] = []
  const who = row.person ?? ''
  const person = who ? people.get(who.startsWith('did:') ? who : who.toLowerCase()) : undefined
  if (!who) errors.push({ column: 'person', key: 'required' })
  else if (!person) errors.push({ column: 'person', key: 'personNotFound' })
  else if (!person.did) errors.push({ column: 'person', key: 'personNoWallet' })

  const language = row.language?.toLowerCase() || uiLocale
  if (row.language && !['fr', 'en'].includes(language)) errors.push({ column: 'language', key: 'invalidLanguage' })
  let skill: { name: string; alignment?: ReturnType<typeof conceptToAlignment> } | undefined
  if (row.skill) {
    skill = await resolveSkill(rt, row.skill, language)
    if (!skill) errors.push({ column: 'skill', key: 'skillUnknownUri' })
  }
  // A level word not understood goes to the schema as written, which names the column.
  const level = parseLevel(row.level) ?? (row.level ?? '').toLowerCase()
  const validUntil = row.valid_until
  if (validUntil && !/^\d{4}-\d{2}-\d{2}$/.test(validUntil)) errors.push({ column: 'valid_until', key: 'invalidDate' })
  const evidenceLevel = row.evidence_level ? parseEvidenceLevel(row.evidence_level) : 'witnessed'
  if (!evidenceLevel || !CSV_EVIDENCE_LEVELS.includes(evidenceLevel)) errors.push({ column: 'evidence_level', key: 'invalidEvidenceLevel' })
  // Bytes the file's encoding could not read: never signed (a "matin\uFFFDe" is refused, row by row).
  for (const [column, value] of Object.entries(row)) if (value?.includes(REPLACEMENT)) errors.push({ column: column as BulkColumn, key: 'unreadableCharacter' })
  const claims = Object.fromEntries(Object.entries({
    skill: skill ? Object.fromEntries(Object.entries({ name: skill.name, alignment: skill.alignment ? [skill.alignment] : undefined }).filter(([, v]) => v !== undefined)) : row.skill === '' || row.skill === undefined ? undefined : { name: row.skill },
    level: level || undefined,
    criteria: row.observation ?? '',
    evidenceLevel: evidenceLevel && CSV_EVIDENCE_LEVELS.includes(evidenceLevel) ? evidenceLevel : undefined,
    evidence: row.evidence_url ? [{ narrative: row.observation ?? '', url: row.evidence_url }] : undefined,
    language: ['fr', 'en'].includes(language) ? language : undefined,
    validUntil: validUntil && /^\d{4}-\d{2}-\d{2}$/.test(validUntil) ? `${validUntil}T23:59:59Z` : undefined,
  }).filter(([, v]) => v !== undefined))
  if (!errors.some((e) => e.column === 'skill' || e.column === 'language' || e.column === 'valid_until' || e.column === 'evidence_level')) {
    errors.push(...schemaErrors(validateIssueClaims(TEMPLATE_ID, claims, now)))
  }
  return { person, claims, errors: dedupe(errors) }
}

const dedupe = (errors: RowError[]) => errors.filter((e, i) => errors.findIndex((f) => f.column === e.column && f.key === e.key) === i)

