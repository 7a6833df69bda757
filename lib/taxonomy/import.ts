import { readdir, stat } from 'node:fs/promises'
import { extname, join } from 'node:path'
import type { Db } from '@/db/client'
import { AppError } from '@/lib/errors'
import { importEscoCsv, isLanguageCode, languageFromFileName } from './import-csv'
import { importTaxonomyJson } from './import-json'
import type { ImportReport } from './types'

export interface ImportOptions {
  /** The language of CSV files whose name does not say it (`skills_fr.csv` does). */
  lang?: string
}

/**
 * Imports a taxonomy file, or every `.csv` and `.json` file of a folder (not recursive), into
 * `taxonomy_concepts` and `taxonomy_labels`. Idempotent: importing again updates.
 * @throws AppError BAD_REQUEST when the path cannot be read, a file is malformed, or a single
 * CSV file's language is unknown; TypeError for a malformed `lang` option.
 */
export async function importTaxonomyPath(db: Db, path: string, options: ImportOptions = {}): Promise<ImportReport[]> {
  if (options.lang !== undefined && !isLanguageCode(options.lang)) throw new TypeError(`lang: "${options.lang}" is not a language code (e.g. fr, en)`)
  let info
  try {
    info = await stat(path)
  } catch (e) {
    throw new AppError('BAD_REQUEST', `Cannot read ${path}: ${(e as Error).message}`)
  }
  if (info.isDirectory()) {
    const names = (await readdir(path)).filter((n) => ['.csv', '.json'].includes(extname(n).toLowerCase())).sort()
    const reports: ImportReport[] = []
    for (const name of names) reports.push(await importFile(db, join(path, name), options, false))
    return reports
  }
  if (!info.isFile()) throw new AppError('BAD_REQUEST', `${path} is neither a file nor a folder`)
  return [await importFile(db, path, options, true)]
}

async function importFile(db: Db, file: string, options: ImportOptions, single: boolean): Promise<ImportReport> {
  const ext = extname(file).toLowerCase()
  if (ext === '.json') return importTaxonomyJson(db, file)
  if (ext !== '.csv') throw new AppError('BAD_REQUEST', `${file}: expected a .csv or .json file`)
  const lang = options.lang ?? languageFromFileName(file)
  if (!lang) {
    const reason = 'the file name does not say its language (e.g. skills_fr.csv); give --lang'
    if (single) throw new AppError('BAD_REQUEST', `${file}: ${reason}`)
    return { file, concepts: 0, labels: 0, skipped: 0, ignored: reason }
  }
  return importEscoCsv(db, file, { lang })
}

/** Totals over several reports. */
export function sumReports(reports: readonly ImportReport[]): { concepts: number; labels: number; skipped: number } {
  return reports.reduce((t, r) => ({ concepts: t.concepts + r.concepts, labels: t.labels + r.labels, skipped: t.skipped + r.skipped }), { concepts: 0, labels: 0, skipped: 0 })
}
