import { createReadStream } from 'node:fs'
import { basename } from 'node:path'
import type { Db } from '@/db/client'
import { AppError } from '@/lib/errors'
import { CsvError, parseCsv } from './csv'
import { ESCO, type ConceptKind, type ImportReport } from './types'
import { createBatchWriter } from './writer'

// The official ESCO CSV download (https://esco.ec.europa.eu/en/use-esco/download): one file per
// concept set and language (`skills_fr.csv`, `occupations_en.csv`, `skillGroups_de.csv`,
// `transversalSkillsCollection_fr.csv`…), columns `conceptType`, `conceptUri`, `preferredLabel`,
// `altLabels` (one per line inside the cell), `description`, `code`… Relation files have no
// `preferredLabel` and are left out.

const KINDS: Record<string, ConceptKind> = {
  KnowledgeSkillCompetence: 'skill',
  SkillGroup: 'skill_group',
  Occupation: 'occupation',
}

const LANG_RE = /^[a-z]{2,3}(?:-[a-z0-9]{2,8})?$/

/** The language a file name declares (`skills_fr.csv` → `fr`), if any. */
export function languageFromFileName(file: string): string | undefined {
  const match = /_([A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})?)\.(?:csv|json)$/.exec(basename(file))
  return match ? match[1]!.toLowerCase() : undefined
}

export function isLanguageCode(value: string): boolean {
  return LANG_RE.test(value)
}

/**
 * Imports one ESCO CSV file (streamed, in batches). Rows of other concept types (ISCO groups,
 * concept schemes) and rows without a label are counted as skipped.
 * @throws AppError BAD_REQUEST when the file cannot be read or is not valid CSV.
 */
export async function importEscoCsv(db: Db, file: string, options: { lang: string }): Promise<ImportReport> {
  const report: ImportReport = { file, concepts: 0, labels: 0, skipped: 0 }
  const writer = createBatchWriter(db)
  let columns: Map<string, number> | undefined
  try {
    for await (const row of parseCsv(createReadStream(file, { encoding: 'utf8', highWaterMark: 256 * 1024 }))) {
      if (!columns) {
        columns = new Map(row.map((name, i) => [name.trim(), i]))
        if (!columns.has('conceptUri') || !columns.has('preferredLabel')) {
          return { ...report, ignored: 'no conceptUri and preferredLabel columns (not a concept file)' }
        }
        continue
      }
      const cell = (name: string) => { const i = columns!.get(name); return i === undefined ? '' : (row[i] ?? '').trim() }
      const uri = cell('conceptUri')
      const label = cell('preferredLabel')
      const kind = kindOf(cell('conceptType'), uri)
      if (!uri || !label || !kind) {
        report.skipped++
        continue
      }
      const altLabels = [...new Set(cell('altLabels').split(/\r?\n|\r/).map((s) => s.trim()).filter((s) => s && s !== label))]
      await writer.add({
        uri, kind, framework: ESCO, code: cell('code') || null,
        labels: [{ lang: options.lang, label, altLabels, description: cell('description') || null }],
      })
    }
    await writer.flush()
  } catch (e) {
    if (e instanceof CsvError) throw new AppError('BAD_REQUEST', `${basename(file)}: ${e.message}`)
    if ((e as NodeJS.ErrnoException).code) throw new AppError('BAD_REQUEST', `Cannot read ${file}: ${(e as Error).message}`)
    throw e
  }
  if (!columns) return { ...report, ignored: 'empty file' }
  return { ...report, ...writer.totals }
}

function kindOf(conceptType: string, uri: string): ConceptKind | undefined {
  if (conceptType) return KINDS[conceptType]
  // A trimmed export without conceptType: the URI says what it is.
  if (/\/esco\/skill\//.test(uri)) return 'skill'
  if (/\/esco\/occupation\//.test(uri)) return 'occupation'
  return undefined
}
