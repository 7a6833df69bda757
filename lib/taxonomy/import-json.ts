import { readFile } from 'node:fs/promises'
import { basename } from 'node:path'
import { z } from 'zod'
import type { Db } from '@/db/client'
import { AppError } from '@/lib/errors'
import { BUILTIN_LANGUAGES } from './builtin'
import { ESCO, KEY_COMPETENCES, keyCompetenceUri, type ConceptKind, type ConceptRecord, type ImportReport, type LabelRecord } from './types'
import { createBatchWriter } from './writer'

// The JSON files of ../shared/taxonomies (see its README): ESCO transversal skills (`concepts`,
// type skill | skillGroup), ESCO occupations (`occupations`) and the EU key competences
// (`competences`). Labels, descriptions and alternative labels are maps keyed by language.

const Text = z.record(z.string(), z.string())
const Lists = z.record(z.string(), z.array(z.string()))
const Entry = z.object({
  uri: z.string().min(1),
  code: z.string().optional(),
  labels: Text,
  description: Text.optional(),
  altLabels: Lists.optional(),
})

const SkillsFile = z.object({ concepts: z.array(Entry.extend({ type: z.string() })) })
const OccupationsFile = z.object({ occupations: z.array(Entry) })
const KeyCompetencesFile = z.object({
  competences: z.array(z.object({ id: z.string().regex(/^KC[1-8]$/), uri: z.string().min(1).nullish(), labels: Text, description: Text.optional() })),
})

const SKILL_TYPES: Record<string, ConceptKind> = { skill: 'skill', skillGroup: 'skill_group' }

/**
 * Imports one JSON file of a known shape.
 * @throws AppError BAD_REQUEST when the file cannot be read or parsed, or has a known key with
 * the wrong shape. A JSON file of no known shape is reported as ignored.
 */
export async function importTaxonomyJson(db: Db, file: string): Promise<ImportReport> {
  const doc = await readJson(file)
  const report: ImportReport = { file, concepts: 0, labels: 0, skipped: 0 }
  let records: ConceptRecord[]
  if (isObject(doc) && 'concepts' in doc) {
    const parsed = check(SkillsFile, doc, file)
    records = []
    for (const c of parsed.concepts) {
      const kind = SKILL_TYPES[c.type]
      if (kind) records.push({ uri: c.uri, kind, framework: ESCO, code: c.code ?? null, labels: labelsOf(c) })
      else report.skipped++
    }
  } else if (isObject(doc) && 'occupations' in doc) {
    const parsed = check(OccupationsFile, doc, file)
    records = parsed.occupations.map((o) => ({ uri: o.uri, kind: 'occupation', framework: ESCO, code: o.code ?? null, labels: labelsOf(o) }))
    // ISCO groups are a classification of occupations, not something a badge or a goal names.
    if (isObject(doc.iscoGroups)) report.skipped += Object.keys(doc.iscoGroups).length
  } else if (isObject(doc) && 'competences' in doc) {
    const parsed = check(KeyCompetencesFile, doc, file)
    records = parsed.competences.map((k) => ({
      uri: k.uri ?? keyCompetenceUri(k.id),
      kind: 'key_competence',
      framework: KEY_COMPETENCES,
      code: k.id,
      // The built-in set is the reference for its own languages (it is reloaded at every start).
      labels: labelsOf(k).filter((l) => !BUILTIN_LANGUAGES.has(l.lang)),
    }))
  } else {
    return { ...report, ignored: 'not a known taxonomy file (no concepts, occupations or competences)' }
  }
  const writer = createBatchWriter(db)
  for (const r of records) {
    if (r.labels.length === 0 && r.kind !== 'key_competence') report.skipped++
    else await writer.add(r)
  }
  await writer.flush()
  return { ...report, ...writer.totals }
}

function labelsOf(entry: { labels: Record<string, string>; description?: Record<string, string>; altLabels?: Record<string, string[]> }): LabelRecord[] {
  return Object.entries(entry.labels)
    .map(([lang, label]) => ({
      lang: lang.toLowerCase(),
      label: label.trim(),
      altLabels: [...new Set((entry.altLabels?.[lang] ?? []).map((s) => s.trim()).filter((s) => s && s !== label.trim()))],
      description: entry.description?.[lang]?.trim() || null,
    }))
    .filter((l) => l.label !== '')
}

async function readJson(file: string): Promise<unknown> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (e) {
    throw new AppError('BAD_REQUEST', `Cannot read ${file}: ${(e as Error).message}`)
  }
  try {
    return JSON.parse(text)
  } catch {
    throw new AppError('BAD_REQUEST', `${basename(file)} is not valid JSON`)
  }
}

function check<T>(schema: z.ZodType<T>, doc: unknown, file: string): T {
  const parsed = schema.safeParse(doc)
  if (!parsed.success) {
    const first = parsed.error.issues[0]
    throw new AppError('BAD_REQUEST', `${basename(file)}: unexpected content at /${first?.path.join('/') ?? ''}: ${first?.message ?? 'invalid'}`)
  }
  return parsed.data
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}
