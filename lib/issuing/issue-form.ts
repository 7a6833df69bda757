import { z } from 'zod'
import type { TemplateId } from '@/lib/credentials/schemas'
import type { AlignmentClaim } from '@/lib/credentials/templates/shared'

// The issuing form ↔ a template's claims. The form's own fields (which template, which young
// person, validity) are checked by zod in ./schemas; the claims only by the template's JSON Schema,
// whose errors (JSON pointers) are mapped back here to the form fields that produced them.

export type FormValues = Record<string, string | string[]>

/** The form fields each template shows (besides template, holderId, format). */
export const TEMPLATE_FIELDS: Record<TemplateId, string[]> = {
  'skill-badge': ['skill', 'skillConcept', 'level', 'criteria', 'evidenceLevel', 'evidenceNarrative', 'evidenceUrl', 'validity', 'validUntil', 'language'],
  'work-experience': ['kind', 'role', 'placeName', 'placeLocality', 'placeCountry', 'periodStart', 'periodEnd', 'tasks', 'skills', 'evidenceLevel', 'evidenceNarrative', 'evidenceUrl', 'validity', 'validUntil', 'language'],
}

/** Fields that may repeat (one hidden input per chosen skill). */
export const LIST_FIELDS = new Set(['skills'])

/** A concept chosen in the skill picker (a result of GET /api/taxonomy/search). */
export const PickedConceptSchema = z.object({
  uri: z.string().min(1).max(500),
  kind: z.string().max(50),
  framework: z.string().max(200).optional(),
  code: z.string().max(100).nullish(),
  label: z.string().min(1).max(300),
})
export type PickedConcept = z.infer<typeof PickedConceptSchema>

export const KEY_COMPETENCES_URL = 'https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32018H0604(01)'
export const KEY_COMPETENCES_FRAMEWORK = 'EU key competences for lifelong learning (2018)'

/** An ESCO skill or an EU key competence as an OB 3.0 alignment (Alignment, OB 3.0 § B.1.1). */
export function conceptToAlignment(concept: PickedConcept): AlignmentClaim {
  if (concept.kind === 'key_competence') {
    const code = concept.code ?? /#(KC[1-8])$/.exec(concept.uri)?.[1]
    return { targetName: concept.label, targetUrl: KEY_COMPETENCES_URL, ...(code ? { targetCode: code } : {}), targetFramework: KEY_COMPETENCES_FRAMEWORK }
  }
  return { targetName: concept.label, targetUrl: concept.uri, targetFramework: 'ESCO' }
}

/** A hidden input's JSON, or undefined when absent or not a concept. */
export function parseConcept(value: string | string[] | undefined): PickedConcept | undefined {
  if (typeof value !== 'string' || value === '' || value.length > 2000) return undefined
  try {
    const parsed = PickedConceptSchema.safeParse(JSON.parse(value))
    return parsed.success ? parsed.data : undefined
  } catch {
    return undefined
  }
}

/** The submitted text fields (files left out), lists kept as arrays. */
export function formValues(form: FormData): FormValues {
  const values: FormValues = {}
  for (const [key, value] of form.entries()) {
    if (typeof value !== 'string' || key.startsWith('$ACTION')) continue
    if (LIST_FIELDS.has(key)) values[key] = [...((values[key] as string[] | undefined) ?? []), value]
    else values[key] = value
  }
  return values
}

const one = (v: FormValues, key: string) => (typeof v[key] === 'string' ? (v[key] as string).trim() : '')
const many = (v: FormValues, key: string) => (Array.isArray(v[key]) ? (v[key] as string[]) : typeof v[key] === 'string' && v[key] ? [v[key] as string] : [])
/** Only fields that were filled in: an empty optional field is absent, not "". */
const compact = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, x]) => x !== undefined && x !== ''))

/** A day chosen in the form, as the end of that day (UTC): "valid until 30 June" includes 30 June. */
export const endOfDay = (day: string) => (/^\d{4}-\d{2}-\d{2}$/.test(day) ? `${day}T23:59:59Z` : day)

function evidence(v: FormValues) {
  const narrative = one(v, 'evidenceNarrative')
  const url = one(v, 'evidenceUrl')
  return narrative || url ? [compact({ narrative, url })] : undefined
}

function common(v: FormValues, uiLocale: string) {
  return {
    evidenceLevel: one(v, 'evidenceLevel') || undefined,
    evidence: evidence(v),
    language: one(v, 'language') || uiLocale,
    validUntil: one(v, 'validity') === 'until' && one(v, 'validUntil') ? endOfDay(one(v, 'validUntil')) : undefined,
  }
}

/** The claims a template's JSON Schema checks, from the form's values. Never validates. */
export function formToClaims(templateId: TemplateId, v: FormValues, uiLocale: string): Record<string, unknown> {
  if (templateId === 'skill-badge') {
    const concept = parseConcept(v.skillConcept)
    return compact({
      skill: compact({ name: one(v, 'skill'), alignment: concept ? [conceptToAlignment(concept)] : undefined }),
      level: one(v, 'level') || undefined,
      criteria: one(v, 'criteria'),
      ...common(v, uiLocale),
    })
  }
  const skills = many(v, 'skills').map(parseConcept).filter((c): c is PickedConcept => Boolean(c)).map(conceptToAlignment)
  return compact({
    kind: one(v, 'kind') || undefined,
    role: one(v, 'role'),
    place: compact({ name: one(v, 'placeName'), locality: one(v, 'placeLocality'), countryCode: one(v, 'placeCountry').toUpperCase() }),
    period: compact({ start: one(v, 'periodStart'), end: one(v, 'periodEnd') }),
    tasks: one(v, 'tasks').split('\n').map((t) => t.trim()).filter(Boolean),
    skills: skills.length ? skills : undefined,
    ...common(v, uiLocale),
  })
}

// JSON pointer prefixes → the form field that holds them (longest prefix first).
const POINTERS: [string, string][] = [
  ['/skill', 'skill'], ['/level', 'level'], ['/criteria', 'criteria'],
  ['/evidence/0/url', 'evidenceUrl'], ['/evidence', 'evidenceNarrative'], ['/evidenceLevel', 'evidenceLevel'],
  ['/language', 'language'], ['/validUntil', 'validUntil'],
  ['/kind', 'kind'], ['/role', 'role'],
  ['/place/locality', 'placeLocality'], ['/place/countryCode', 'placeCountry'], ['/place', 'placeName'],
  ['/period/end', 'periodEnd'], ['/period', 'periodStart'],
  ['/tasks', 'tasks'], ['/skills', 'skills'], ['/evidencePhoto', 'evidencePhoto'],
]

/** The form field a claims error belongs to ('_form' when no field holds it). */
export function fieldForPointer(pointer: string): string {
  const match = POINTERS.filter(([prefix]) => pointer === prefix || pointer.startsWith(`${prefix}/`))
    .sort((a, b) => b[0].length - a[0].length)[0]
  return match?.[1] ?? '_form'
}

/**
 * A JSON Schema error message (lib/credentials/schemas toFieldErrors, template checks) as a
 * message key of `issuer.errors`, with its number when it has one ("tooShort:10").
 */
export function messageKey(message: string): string {
  const count = /must NOT have (fewer|more) than (\d+) (characters|items)/.exec(message)
  if (count) {
    const [, dir, n, unit] = count
    if (unit === 'items') return dir === 'fewer' ? (n === '1' ? 'required' : `tooFewItems:${n}`) : `tooManyItems:${n}`
    return `${dir === 'fewer' ? 'tooShort' : 'tooLong'}:${n}`
  }
  if (message === 'photoTooLarge' || message === 'photoNotImage') return message
  if (message === 'is required') return 'required'
  if (/format "uri"|"\^https\?:\/\/"/.test(message)) return 'invalidUrl'
  if (/format "date(-time)?"/.test(message)) return 'invalidDate'
  if (message === 'must be in the future') return 'dateInPast'
  if (message === 'must not be before the start date') return 'endBeforeStart'
  if (/\[A-Z\]\{2\}/.test(message)) return 'invalidCountry'
  if (message.startsWith('must be one of') || /must be self_declared|may be self_declared/.test(message)) return 'invalidChoice'
  return 'invalid'
}

/** Claims errors as form field errors: { field: [message keys] }. */
export function claimErrorsToFields(errors: { path: string; message: string }[]): Record<string, string[]> {
  const out: Record<string, string[]> = {}
  for (const e of errors) {
    const field = fieldForPointer(e.path)
    const key = messageKey(e.message)
    if (!(out[field] ??= []).includes(key)) out[field].push(key)
  }
  return out
}
