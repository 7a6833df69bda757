import { describe, expect, it } from 'vitest'
import { ENUM_COLUMNS } from '@/db/enums'
import { migrations } from '@/db/migrations'

// The lists the code types its enum-like columns with (db/enums.ts) must be the lists the database
// enforces. The CHECK constraints are written by frozen migrations, each exporting ENUM_CHECKS for
// the columns it constrains; the latest one for a column wins (decision 037).

function enforcedByMigrations(): Record<string, Record<string, readonly string[]>> {
  const enforced: Record<string, Record<string, readonly string[]>> = {}
  for (const name of Object.keys(migrations).sort()) {
    const checks = (migrations[name] as { ENUM_CHECKS?: Record<string, Record<string, readonly string[]>> }).ENUM_CHECKS
    for (const [table, columns] of Object.entries(checks ?? {})) enforced[table] = { ...enforced[table], ...columns }
  }
  return enforced
}

describe('enum-like columns', () => {
  it('are typed with exactly the lists the migrations enforce (a new value needs a new migration)', () => {
    const live = JSON.parse(JSON.stringify(ENUM_COLUMNS)) as Record<string, Record<string, string[]>>
    expect(enforcedByMigrations()).toEqual(live)
  })

  it('list each value once', () => {
    for (const [table, columns] of Object.entries(ENUM_COLUMNS)) {
      for (const [column, values] of Object.entries(columns)) expect(new Set(values).size, `${table}.${column}`).toBe(values.length)
    }
  })
})
