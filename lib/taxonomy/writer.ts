import type { Db } from '@/db/client'
import { upsertConcepts } from './repository'
import type { ConceptRecord } from './types'

export const BATCH_SIZE = 500

/**
 * Collects concept records and writes them in batches, one transaction per batch: a large import
 * never holds one huge transaction, and a crash leaves no concept without its labels.
 */
export function createBatchWriter(db: Db, batchSize = BATCH_SIZE) {
  let pending = new Map<string, ConceptRecord>()
  const totals = { concepts: 0, labels: 0 }

  async function flush(): Promise<void> {
    if (pending.size === 0) return
    const records = [...pending.values()]
    pending = new Map()
    await db.transaction().execute((trx) => upsertConcepts(trx, records))
    totals.concepts += records.length
    totals.labels += records.reduce((n, r) => n + r.labels.length, 0)
  }

  async function add(record: ConceptRecord): Promise<void> {
    const previous = pending.get(record.uri)
    if (previous) {
      // The same concept twice in one batch (two language files, or a repeated row): one write,
      // labels merged by language, the later one winning.
      const byLang = new Map(previous.labels.map((l) => [l.lang, l]))
      for (const l of record.labels) byLang.set(l.lang, l)
      pending.set(record.uri, { ...record, code: record.code ?? previous.code, labels: [...byLang.values()] })
    } else {
      pending.set(record.uri, record)
    }
    if (pending.size >= batchSize) await flush()
  }

  return { add, flush, totals }
}
