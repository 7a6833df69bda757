import { describe, expect, test } from 'vitest'
import { BULK_COLUMNS, bulkCsvTemplate, csvField, parseBulkCsv, toCsv } from '@/lib/bulk/csv'

describe('the bulk CSV file', () => {
  test('reads quoted fields (commas, quotes, line breaks), a BOM, CRLF, any column order and case', async () => {
    const text = '\uFEFFLevel,PERSON,skill,observation\r\n2,samira,"Accueil, caisse","Dit ""bonjour"",\nsourit."\r\n\r\n'
    expect(await parseBulkCsv(text)).toEqual({ ok: true, delimiter: ',', rows: [{ level: '2', person: 'samira', skill: 'Accueil, caisse', observation: 'Dit "bonjour",\nsourit.' }] })
  })

  test('the template reads back with every column and two rows', async () => {
    const parsed = await parseBulkCsv(bulkCsvTemplate())
    expect(parsed.ok && parsed.rows).toHaveLength(2)
    expect(bulkCsvTemplate().split('\r\n')[0]).toBe(BULK_COLUMNS.join(','))
  })

  test('the template’s example end of validity lies ahead, whatever the year', async () => {
    for (const now of [new Date(), new Date(Date.UTC(new Date().getUTCFullYear() + 3, 5, 1))]) {
      const parsed = await parseBulkCsv(bulkCsvTemplate(now))
      const dates = parsed.ok ? parsed.rows.map((r) => r.valid_until).filter(Boolean) : []
      expect(dates).toEqual([`${now.getUTCFullYear() + 1}-12-31`])
    }
  })

  test('writes RFC 4180 fields and neutralises spreadsheet formulas', () => {
    expect(csvField('a,b')).toBe('"a,b"')
    expect(csvField('say "hi"')).toBe('"say ""hi"""')
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`)
    expect(csvField('-1')).toBe("'-1")
    expect(csvField(null)).toBe('')
    expect(toCsv([['a', 1], ['b;c', '']])).toBe('a,1\r\n"b;c",\r\n')
  })
})
