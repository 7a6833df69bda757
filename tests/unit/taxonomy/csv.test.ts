import { describe, expect, test } from 'vitest'
import { CsvError, parseCsv } from '@/lib/taxonomy/csv'

async function rows(chunks: string | string[]): Promise<string[][]> {
  const out: string[][] = []
  for await (const row of parseCsv(typeof chunks === 'string' ? [chunks] : chunks)) out.push(row)
  return out
}

const ESCO_LIKE = 'conceptType,conceptUri,preferredLabel,altLabels,description\r\n'
  + 'KnowledgeSkillCompetence,http://x/1,"travailler en équipe","coopérer\ncollaborer, en groupe","Il a dit ""bonjour"", puis est parti."\r\n'
  + 'KnowledgeSkillCompetence,http://x/2,gérer le stress,,\r\n'

describe('parseCsv (RFC 4180)', () => {
  test('reads quoted fields holding commas, line breaks and doubled quotes', async () => {
    expect(await rows(ESCO_LIKE)).toEqual([
      ['conceptType', 'conceptUri', 'preferredLabel', 'altLabels', 'description'],
      ['KnowledgeSkillCompetence', 'http://x/1', 'travailler en équipe', 'coopérer\ncollaborer, en groupe', 'Il a dit "bonjour", puis est parti.'],
      ['KnowledgeSkillCompetence', 'http://x/2', 'gérer le stress', '', ''],
    ])
  })

  test('gives the same records however the text is cut into chunks', async () => {
    const whole = await rows(ESCO_LIKE)
    for (let cut = 1; cut < ESCO_LIKE.length; cut++) {
      expect(await rows([ESCO_LIKE.slice(0, cut), ESCO_LIKE.slice(cut)])).toEqual(whole)
    }
    expect(await rows([...ESCO_LIKE])).toEqual(whole)
  })

  test.each([
    ['LF', 'a,b\n1,2\n'],
    ['CRLF', 'a,b\r\n1,2\r\n'],
    ['CR', 'a,b\r1,2\r'],
    ['no final line break', 'a,b\n1,2'],
    ['a byte-order mark', '\uFEFFa,b\n1,2\n'],
    ['blank lines', '\na,b\n\n1,2\n\n'],
  ])('accepts %s', async (_, text) => {
    expect(await rows(text)).toEqual([['a', 'b'], ['1', '2']])
  })

  test('keeps empty fields, including a trailing one and a quoted empty one', async () => {
    expect(await rows('a,,c,\n"",x,"",\n')).toEqual([['a', '', 'c', ''], ['', 'x', '', '']])
  })

  test('keeps a quote inside an unquoted field as written', async () => {
    expect(await rows('5" screen,ok\n')).toEqual([['5" screen', 'ok']])
  })

  test('refuses input that ends inside a quoted field, naming the line where the record starts', async () => {
    await expect(rows('a,b\n1,"never\nclosed\n')).rejects.toThrow(CsvError)
    await expect(rows('a,b\n1,"never\nclosed\n')).rejects.toThrow(/line 2/)
  })
})
