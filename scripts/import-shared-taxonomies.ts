/**
 * Run by `npm start` (scripts/start.ts): loads the built-in key competences (every start,
 * idempotent) and, on the first start beside a `../shared/taxonomies/` folder, imports it
 * (ESCO transversal skills and entry-level occupations). Later imports are the operator's:
 * `npm run vc -- taxonomy import <path>`.
 */
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Db } from '@/db/client'
import { loadBuiltinTaxonomies } from '@/lib/taxonomy/builtin'
import { importTaxonomyPath, sumReports } from '@/lib/taxonomy/import'
import { countConcepts } from '@/lib/taxonomy/repository'
import { ESCO } from '@/lib/taxonomy/types'

export interface SharedImportResult {
  builtin: number
  /** Undefined when nothing was imported (no folder, or ESCO concepts already present). */
  imported?: { folder: string; concepts: number; labels: number }
}

export async function importSharedTaxonomies(
  rt: { db: Db },
  options: { root: string; log?: (line: string) => void },
): Promise<SharedImportResult> {
  const log = options.log ?? ((line: string) => console.log(line))
  const builtin = await loadBuiltinTaxonomies(rt.db)
  const folder = resolve(options.root, '..', 'shared', 'taxonomies')
  if (!existsSync(folder) || (await countConcepts(rt.db, { framework: ESCO })) > 0) return { builtin }
  const totals = sumReports(await importTaxonomyPath(rt.db, folder))
  log(`Tremplin: taxonomies imported from ${folder}: ${totals.concepts} concepts, ${totals.labels} labels (${builtin} built-in key competences)`)
  return { builtin, imported: { folder, concepts: totals.concepts, labels: totals.labels } }
}
