import { describe, expect, it } from 'vitest'
import { PICTOGRAM_FAMILIES, pictogramFamilyOf } from '@/lib/credentials/pictograms'
import { pictogramDataUri, pictogramSvg } from '@/lib/credentials/pictograms/svg'

describe('pictogramFamilyOf', () => {
  it.each([
    ['Garde d’enfants', 'care'],
    ['baby-sitting', 'care'],
    ['Accueil du public', 'hospitality'],
    ['Service en salle', 'hospitality'],
    ['Tenir une caisse', 'commerce'],
    ['cashier work', 'commerce'],
    ['Ménage et entretien', 'manual'],
    ['Bricolage', 'manual'],
    ['Utiliser un tableur', 'digital'],
    ['travailler en équipe', 'communication'],
    ['work in teams', 'communication'],
    ['Ponctualité', 'organisation'],
    ['Animer un atelier', 'activities'],
    ['Quelque chose', 'other'],
  ])('%j → %s', (name, family) => {
    expect(pictogramFamilyOf({ name })).toBe(family)
  })

  it('uses the aligned concept names when the skill name says nothing', () => {
    expect(pictogramFamilyOf({ name: 'Mon stage', alignment: [{ targetName: 'work in teams' }] })).toBe('communication')
  })

  it('falls back to the key competence of an alignment', () => {
    const kc4 = 'https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32018H0604(01)'
    expect(pictogramFamilyOf({ name: 'Mon stage', alignment: [{ targetName: 'Compétence xyz', targetUrl: kc4, targetCode: 'KC4' }] })).toBe('digital')
    expect(pictogramFamilyOf({ name: 'Mon stage', alignment: [{ targetUrl: `${kc4}#KC7` }] })).toBe('commerce')
  })
})

describe('pictogram SVG', () => {
  it.each(PICTOGRAM_FAMILIES)('%s is a small, self-contained SVG', (family) => {
    const svg = pictogramSvg(family)
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true)
    expect(svg).not.toMatch(/href|<script|url\(/i)
    expect(svg.length).toBeLessThan(800)
    const uri = pictogramDataUri(family)
    expect(uri.startsWith('data:image/svg+xml;base64,')).toBe(true)
    expect(Buffer.from(uri.split(',')[1]!, 'base64').toString('utf8')).toBe(svg)
  })
})
