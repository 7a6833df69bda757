import { createTranslator } from 'next-intl'
import { describe, expect, it } from 'vitest'
import en from '@/messages/en'
import fr from '@/messages/fr'
import { elision, withElision } from '@/lib/i18n/elision'

describe('elision', () => {
  it.each([
    ['Inès', 'yes'], ['Élodie', 'yes'], ['Œdipe', 'yes'], ['amadou', 'yes'], ['Ugo', 'yes'],
    ['Samira', 'no'], ['Hugo', 'no'], ['Yanis', 'no'], ['', 'no'], ['Mehdi', 'no'],
  ])('%j → %s', (name, expected) => {
    expect(elision(name)).toBe(expected)
  })

  it('gives "Récit d’Inès" and "Récit de Samira" in French, "Story by Inès" in English', () => {
    const tfr = createTranslator({ locale: 'fr', messages: fr, namespace: 'stories.attester' })
    const ten = createTranslator({ locale: 'en', messages: en, namespace: 'stories.attester' })
    expect(tfr('from', withElision('Inès'))).toBe('Récit d’Inès')
    expect(tfr('from', withElision('Samira'))).toBe('Récit de Samira')
    expect(ten('from', withElision('Inès'))).toBe('Story by Inès')
  })
})
