import { parseArgs, type ParseArgsConfig } from 'node:util'
import { createRuntime } from '@/lib/runtime'
import { importTaxonomyPath, sumReports } from '@/lib/taxonomy/import'
import { isLanguageCode, languageFromFileName } from '@/lib/taxonomy/import-csv'
import { searchConcepts } from '@/lib/taxonomy/service'
import { isConceptKind, type ConceptKind } from '@/lib/taxonomy/types'
import { UsageError } from './io'

type Out = { stdout: (s: string) => void; stderr: (s: string) => void }

/** `npm run vc -- taxonomy …`; returns the exit code (errors are mapped by lib/cli/index.ts). */
export async function taxonomyCommand(args: string[], out: Out): Promise<number> {
  const [sub, ...rest] = args
  if (sub === 'import') return importCommand(rest, out)
  if (sub === 'search') return searchCommand(rest, out)
  throw new UsageError(sub ? `Unknown taxonomy command "${sub}" (import, search)` : 'taxonomy needs a command: import or search')
}

async function importCommand(args: string[], out: Out): Promise<number> {
  const { values, positionals } = parse(args, { lang: { type: 'string' } })
  if (positionals.length !== 1) throw new UsageError('taxonomy import takes one file or folder')
  const path = positionals[0]!
  const lang = values.lang as string | undefined
  if (lang !== undefined && !isLanguageCode(lang)) throw new UsageError(`--lang: "${lang}" is not a language code (e.g. fr, en)`)
  if (/\.csv$/i.test(path) && !lang && !languageFromFileName(path)) {
    throw new UsageError(`${path}: the file name does not say its language (e.g. skills_fr.csv); give --lang`)
  }
  const rt = await createRuntime()
  try {
    const reports = await importTaxonomyPath(rt.db, path, { lang })
    for (const r of reports) {
      out.stdout(r.ignored ? `${r.file}: ignored (${r.ignored})\n` : `${r.file}: ${r.concepts} concepts, ${r.labels} labels, ${r.skipped} skipped\n`)
    }
    const total = sumReports(reports)
    out.stdout(`Imported ${total.concepts} concepts and ${total.labels} labels.\n`)
    return 0
  } finally {
    await rt.db.destroy()
  }
}

async function searchCommand(args: string[], out: Out): Promise<number> {
  const { values, positionals } = parse(args, { lang: { type: 'string', default: 'fr' }, kinds: { type: 'string' }, json: { type: 'boolean' } })
  const q = positionals.join(' ').trim()
  if (!q) throw new UsageError('taxonomy search needs words to search for')
  const kinds = typeof values.kinds === 'string' ? values.kinds.split(',').map((k) => k.trim()) : undefined
  if (kinds?.some((k) => !isConceptKind(k))) throw new UsageError('--kinds: a comma-separated list of skill, skill_group, occupation, key_competence')
  const rt = await createRuntime()
  try {
    const results = await searchConcepts(rt, { q, lang: values.lang as string, kinds: kinds as ConceptKind[] | undefined })
    out.stdout(values.json ? JSON.stringify(results, null, 2) + '\n' : results.map((r) => `${r.kind}\t${r.label}\t${r.uri}`).join('\n') + '\n')
    return 0
  } finally {
    await rt.db.destroy()
  }
}

type Parsed = { values: Record<string, string | boolean | undefined>; positionals: string[] }

function parse(args: string[], options: ParseArgsConfig['options']): Parsed {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true }) as Parsed
  } catch (e) {
    throw new UsageError((e as Error).message)
  }
}
