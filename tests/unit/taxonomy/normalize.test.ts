import { describe, expect, test } from 'vitest'
import { buildSearchText, escapeLike, normalizeForSearch } from '@/lib/taxonomy/normalize'

describe('normalizeForSearch', () => {
  test.each([
    ['Travailler en ÉQUIPE', 'travailler en equipe'],
    ['faire preuve d’initiative', 'faire preuve d initiative'],
    ["faire preuve d'initiative", 'faire preuve d initiative'],
    ['Œuvre  cœur', 'oeuvre coeur'],
    ['Straße', 'strasse'],
    ['  coiffeur/coiffeuse  ', 'coiffeur coiffeuse'],
    ['niño – façade', 'nino facade'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeForSearch(input)).toBe(expected)
  })
})

describe('buildSearchText', () => {
  test('puts the label first, then one alternative label per line', () => {
    expect(buildSearchText('Faire preuve d’initiative', ['Prendre l’initiative', '', 'Agir'])).toBe('faire preuve d initiative\nprendre l initiative\nagir')
  })
})

describe('escapeLike', () => {
  test('escapes LIKE wildcards and the escape character', () => {
    expect(escapeLike('100%_a\\b')).toBe('100\\%\\_a\\\\b')
  })
})
