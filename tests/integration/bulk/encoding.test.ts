import { describe, expect, test } from 'vitest'
import { detectDelimiter, readBulkCsv } from '@/lib/bulk/csv'
import { decodeCsvBytes, encodingLabel } from '@/lib/bulk/encoding'
import { parseEvidenceLevel, parseLevel } from '@/lib/bulk/levels'
import { cp1252, utf16leBom, utf8Bom } from './_bytes'

// Which encoding and separator an uploaded file is read with, from real bytes (./_bytes.ts), and
// the level words of the CSV.

const TEXT = 'person;skill;level;observation\r\nhelene;Accueil du public;Autonome;"A tenu l’accueil toute la matinée; Hélène a aidé."\r\n'

describe('the encoding of an uploaded CSV', () => {
  test('the fixtures are the bytes spreadsheets write', () => {
    expect(cp1252('matinée')).toEqual(Buffer.from([0x6d, 0x61, 0x74, 0x69, 0x6e, 0xe9, 0x65]))
    expect(cp1252('Hélène')).toEqual(Buffer.from([0x48, 0xe9, 0x6c, 0xe8, 0x6e, 0x65]))
    expect([...utf16leBom('é').subarray(0, 4)]).toEqual([0xff, 0xfe, 0xe9, 0x00])
  })

  test.each([
    ['Windows-1252 (Excel on French Windows)', cp1252(TEXT), 'windows-1252', false],
    ['UTF-8 without a byte-order mark', Buffer.from(TEXT, 'utf8'), 'utf-8', false],
    ['UTF-8 with a byte-order mark', utf8Bom(TEXT), 'utf-8', true],
    ['UTF-16 LE with a byte-order mark', utf16leBom(TEXT), 'utf-16le', true],
    ['UTF-16 BE with a byte-order mark', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(TEXT, 'utf16le').swap16()]), 'utf-16be', true],
    ['UTF-16 LE without a mark', Buffer.from(TEXT, 'utf16le'), 'utf-16le', false],
  ])('%s is read with every accent', (_, bytes, encoding, bom) => {
    const decoded = decodeCsvBytes(bytes)
    expect(decoded).toEqual({ text: TEXT, encoding, bom })
  })

  test('a Windows-1252 file is never taken for UTF-8, whatever its length', () => {
    for (const text of ['a\nmatinée\n', 'person;skill\nx;é\n', TEXT.repeat(200)]) {
      expect(decodeCsvBytes(cp1252(text))).toMatchObject({ text, encoding: 'windows-1252' })
    }
  })

  test('a UTF-8 file with one byte from elsewhere stays UTF-8: that byte becomes U+FFFD, the other rows keep their accents', () => {
    const bytes = Buffer.concat([Buffer.from('person;observation\nlucas;Préparé la matinée.\nsamira;Accueil ', 'utf8'), cp1252('réussi'), Buffer.from('.\nmehdi;Très bien.\n', 'utf8')])
    const { text, encoding } = decodeCsvBytes(bytes)
    expect(encoding).toBe('utf-8')
    expect(text).toBe('person;observation\nlucas;Préparé la matinée.\nsamira;Accueil r\uFFFDussi.\nmehdi;Très bien.\n')
  })

  test('a byte Windows-1252 leaves undefined becomes U+FFFD (never a silent letter)', () => {
    const bytes = Buffer.concat([cp1252('person;observation\nlucas;matinée '), Buffer.from([0x81]), cp1252('\n')])
    expect(decodeCsvBytes(bytes)).toMatchObject({ encoding: 'windows-1252', text: 'person;observation\nlucas;matinée \uFFFD\n' })
  })

  test('the preview names the encoding as people know it', () => {
    expect(['utf-8', 'utf-16le', 'windows-1252'].map(encodingLabel)).toEqual(['UTF-8', 'UTF-16', 'Windows-1252'])
  })
})

describe('the separator', () => {
  test.each([
    ['person,skill,level,observation\n', ','],
    ['person;skill;level;observation\n', ';'],
    ['person\tskill\tlevel\tobservation\n', '\t'],
    // Commas inside a quoted header name, or in the data, do not outvote the semicolons.
    ['"person";"skill";"level";"observation";"note, free"\nx;"a, b, c, d, e";1;"x, y"\n', ';'],
    ['\uFEFFperson;skill;level;observation\r\n', ';'],
  ])('%j → %j', (text, delimiter) => {
    expect(detectDelimiter(text)).toBe(delimiter)
  })

  test('a Windows-1252 semicolon file reads into rows, quoted semicolons kept', async () => {
    const parsed = await readBulkCsv(cp1252(TEXT))
    expect(parsed).toEqual({
      ok: true, delimiter: ';', encoding: 'windows-1252',
      rows: [{ person: 'helene', skill: 'Accueil du public', level: 'Autonome', observation: 'A tenu l’accueil toute la matinée; Hélène a aidé.' }],
    })
  })
})

describe('the size limit', () => {
  test('is the file’s: a Windows-1252 file just under 2 MB is read, though it grows when decoded', async () => {
    const row = 'jeune001;Accueil;2;Matinée très réussie, équipe ravie, été chargé.\n'
    const body = row.repeat(Math.floor((2 * 1024 * 1024 - 100) / row.length))
    const bytes = cp1252(`person;skill;level;observation\n${body}`)
    expect(bytes.byteLength).toBeLessThan(2 * 1024 * 1024)
    expect(Buffer.byteLength(bytes.toString('latin1'), 'utf8')).toBeGreaterThan(2 * 1024 * 1024)
    expect(await readBulkCsv(bytes)).toMatchObject({ ok: false, error: { key: 'tooManyRows' } })
    expect(await readBulkCsv(Buffer.concat([bytes, Buffer.alloc(200, 0x61)]))).toEqual({ ok: false, error: { key: 'fileTooLarge' } })
  })
})

describe('level words', () => {
  test.each([
    ['Découverte', 'discovering'], ['DECOUVERTE', 'discovering'], ['découverte', 'discovering'], ['Discovering', 'discovering'], ['1', 'discovering'],
    ['En pratique', 'practising'], ['en pratique', 'practising'], ['EN PRATIQUE', 'practising'], ['Practising', 'practising'], ['practicing', 'practising'],
    ['Autonome', 'autonomous'], ['autonome', 'autonomous'], ['Independent', 'autonomous'], ['autonomous', 'autonomous'], ['3', 'autonomous'],
    ['Expert', 'expert'], ['Experte', 'expert'], ['Expert·e', 'expert'], ['Expert·e — peut transmettre', 'expert'], ['Expert — can teach others', 'expert'],
  ])('%s → %s', (word, level) => {
    expect(parseLevel(word)).toBe(level)
  })

  test('other words are not levels', () => {
    for (const word of ['champion', 'débutant', '5', '', 'pratique avancée']) expect(parseLevel(word)).toBeUndefined()
  })

  test.each([
    ['Vu en situation', 'witnessed'], ['VU EN SITUATION', 'witnessed'], ['Seen in action', 'witnessed'], ['witnessed', 'witnessed'], ['Constaté', 'witnessed'],
    ['Évalué', 'assessed'], ['evalue', 'assessed'], ['Assessed', 'assessed'],
    ['Déclaré', 'self_declared'], ['self_declared', 'self_declared'],
  ])('evidence %s → %s', (word, level) => {
    expect(parseEvidenceLevel(word)).toBe(level)
  })
})
