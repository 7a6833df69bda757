import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { validateClaims, type TemplateId } from '@/lib/credentials/schemas'
import { claimErrorsToFields, conceptToAlignment, fieldForPointer, formToClaims, formValues, messageKey, TEMPLATE_FIELDS } from '@/lib/issuing/issue-form'
import { checkPhoto, sniffPhotoType } from '@/lib/issuing/photo'
import { validateIssueClaims } from '@/lib/issuing/staff'

const KC = 'https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32018H0604(01)'

describe('form → claims', () => {
  test('a skill badge: trimmed text, the picked concept as alignment, empty optional fields left out, the UI language by default', () => {
    const claims = formToClaims('skill-badge', {
      skill: '  Gérer le temps ', skillConcept: JSON.stringify({ uri: 'http://data.europa.eu/esco/skill/d9013e0e-e937-43d5-ab71-0e917ee882b8', kind: 'skill', label: 'gérer le temps' }),
      level: 'autonomous', criteria: 'A tenu le planning.', evidenceNarrative: '', evidenceUrl: '', validity: 'until', validUntil: '2030-06-30', language: '',
    }, 'en')
    expect(claims).toEqual({
      skill: { name: 'Gérer le temps', alignment: [{ targetName: 'gérer le temps', targetUrl: 'http://data.europa.eu/esco/skill/d9013e0e-e937-43d5-ab71-0e917ee882b8', targetFramework: 'ESCO' }] },
      level: 'autonomous', criteria: 'A tenu le planning.', language: 'en', validUntil: '2030-06-30T23:59:59Z',
    })
    expect(validateClaims('skill-badge', claims)).toEqual([])
  })

  test('a validity date is ignored when "no end date" is chosen; a broken concept is dropped', () => {
    const claims = formToClaims('skill-badge', { skill: 'Cuisiner', skillConcept: '{not json', level: 'expert', criteria: 'x', validity: 'none', validUntil: '2030-01-01' }, 'fr')
    expect(claims).toEqual({ skill: { name: 'Cuisiner' }, level: 'expert', criteria: 'x', language: 'fr' })
  })

  test('an EU key competence becomes the 2018 Recommendation with its code', () => {
    expect(conceptToAlignment({ uri: `${KC}#KC5`, kind: 'key_competence', label: 'Personal, social and learning to learn', code: 'KC5' }))
      .toEqual({ targetName: 'Personal, social and learning to learn', targetUrl: KC, targetCode: 'KC5', targetFramework: 'EU key competences for lifelong learning (2018)' })
    expect(conceptToAlignment({ uri: `${KC}#KC3`, kind: 'key_competence', label: 'Maths', code: null }).targetCode).toBe('KC3')
  })

  test('a work experience: one task per line, repeated skills, an evidence link alone, the country upper-cased', () => {
    const f = new FormData()
    for (const [k, v] of Object.entries({ kind: 'job', role: 'Caissier', placeName: 'Super U', placeLocality: 'Lille', placeCountry: 'fr', periodStart: '2026-01-05', periodEnd: '', tasks: 'Tenir la caisse\r\n\n Ranger les rayons ', evidenceUrl: 'https://example.org/photo' })) f.set(k, v)
    f.append('skills', JSON.stringify({ uri: 'http://data.europa.eu/esco/skill/a', kind: 'skill', label: 'a' }))
    f.append('skills', JSON.stringify({ uri: `${KC}#KC4`, kind: 'key_competence', label: 'Digital', code: 'KC4' }))
    f.set('evidencePhoto', new File(['x'], 'x.png'))
    const values = formValues(f)
    expect(values.evidencePhoto).toBeUndefined()
    const claims = formToClaims('work-experience', values, 'fr')
    expect(claims).toMatchObject({
      kind: 'job', place: { name: 'Super U', locality: 'Lille', countryCode: 'FR' }, period: { start: '2026-01-05' },
      tasks: ['Tenir la caisse', 'Ranger les rayons'], evidence: [{ url: 'https://example.org/photo' }],
    })
    expect((claims.skills as { targetCode?: string }[]).map((s) => s.targetCode)).toEqual([undefined, 'KC4'])
    // A link without a description: the schema asks for the description, on that field.
    expect(claimErrorsToFields(validateClaims('work-experience', claims))).toEqual({ evidenceNarrative: ['required'] })
  })
})

describe('claims errors → form fields', () => {
  const examples = (templateId: TemplateId) => {
    const dir = join('credentials-schemas/examples', templateId, 'invalid')
    return readdirSync(dir).map((file) => ({ templateId, file, ...JSON.parse(readFileSync(join(dir, file), 'utf8')) as { claims: unknown } }))
  }

  test.each([...examples('skill-badge'), ...examples('work-experience')].map((e) => [`${e.templateId}/${e.file}`, e] as const))(
    'every error of %s lands on a form field (or the form, for fields the form cannot send)', (_, example) => {
      const errors = validateIssueClaims(example.templateId, example.claims)
      expect(errors.length).toBeGreaterThan(0)
      const fields = new Set(TEMPLATE_FIELDS[example.templateId])
      for (const e of errors) {
        const field = fieldForPointer(e.path)
        if (field === '_form') expect(e.message).toBe('is not an allowed field')
        else expect(fields.has(field)).toBe(true)
      }
    })

  test.each([
    ['/skill/name', 'skill'], ['/skill/alignment/0/targetUrl', 'skill'], ['/criteria', 'criteria'], ['/evidence/0/url', 'evidenceUrl'],
    ['/evidence/0/narrative', 'evidenceNarrative'], ['/place/countryCode', 'placeCountry'], ['/place', 'placeName'], ['/period/end', 'periodEnd'],
    ['/period', 'periodStart'], ['/tasks/3', 'tasks'], ['/skills/1/targetUrl', 'skills'], ['/validUntil', 'validUntil'], ['/evidencePhoto', 'evidencePhoto'], ['/grade', '_form'],
  ])('%s → %s', (pointer, field) => expect(fieldForPointer(pointer)).toBe(field))

  test.each([
    ['must NOT have fewer than 10 characters', 'tooShort:10'], ['must NOT have more than 200 characters', 'tooLong:200'],
    ['must NOT have fewer than 1 items', 'required'], ['must NOT have more than 20 items', 'tooManyItems:20'], ['is required', 'required'],
    ['must match format "uri"', 'invalidUrl'], ['must match pattern "^https?://"', 'invalidUrl'], ['must match format "date"', 'invalidDate'],
    ['must be in the future', 'dateInPast'], ['must not be before the start date', 'endBeforeStart'], ['must match pattern "^[A-Z]{2}$"', 'invalidCountry'],
    ['must be one of: a, b', 'invalidChoice'], ['photoTooLarge', 'photoTooLarge'], ['something new', 'invalid'],
  ])('"%s" → %s', (message, key) => expect(messageKey(message)).toBe(key))
})

describe('evidence photos', () => {
  test.each([
    ['JPEG', [0xff, 0xd8, 0xff, 0xe0, 0, 0x10], 'image/jpeg'],
    ['PNG', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0], 'image/png'],
    ['WebP', [...Buffer.from('RIFF'), 1, 2, 3, 4, ...Buffer.from('WEBPVP8 ')], 'image/webp'],
    ['GIF', [...Buffer.from('GIF89a')], undefined],
    ['RIFF but not WebP (WAV)', [...Buffer.from('RIFF'), 1, 2, 3, 4, ...Buffer.from('WAVEfmt ')], undefined],
    ['empty', [], undefined],
  ])('%s is recognised by its first bytes', (_, bytes, type) => expect(sniffPhotoType(new Uint8Array(bytes))).toBe(type))

  test('2 MB is accepted, one byte more is not', () => {
    const at = (n: number) => { const b = new Uint8Array(n); b.set([0xff, 0xd8, 0xff]); return b }
    expect(checkPhoto(at(2 * 1024 * 1024)).ok).toBe(true)
    expect(checkPhoto(at(2 * 1024 * 1024 + 1))).toEqual({ ok: false, error: 'photoTooLarge' })
  })
})
