import { describe, expect, it } from 'vitest'
import { capitalise } from '@/lib/i18n/text'

describe('capitalise', () => {
  it.each([
    ['travailler en équipe', 'fr', 'Travailler en équipe'],
    ['écouter les autres', 'fr', 'Écouter les autres'],
    ['œuvrer ensemble', 'fr', 'Œuvrer ensemble'],
    ['show initiative', 'en', 'Show initiative'],
    ['  « accueil » du public', 'fr', '  « Accueil » du public'],
    ['3D printing', 'en', '3D printing'],
    ['Déjà en majuscule', 'fr', 'Déjà en majuscule'],
    ['use ICT', 'en', 'Use ICT'],
    ['', 'fr', ''],
    ['…', 'fr', '…'],
  ])('%j in %s → %j', (text, locale, expected) => {
    expect(capitalise(text, locale)).toBe(expected)
  })

  it('is locale-aware (Turkish dotted i)', () => {
    expect(capitalise('istanbul', 'tr')).toBe('İstanbul')
    expect(capitalise('istanbul', 'en')).toBe('Istanbul')
  })

  it('survives an unknown locale tag', () => {
    expect(capitalise('équipe', 'not a locale!')).toBe('Équipe')
  })
})
