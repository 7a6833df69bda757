import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  englishSpaceBeforePunctuation,
  frenchElision,
  frenchInclusiveForm,
  frenchSpaceBeforePunctuation,
  frenchStraightApostrophe,
  technicalWords,
} from './wording'

// The house rules for words (issue 12, point 8), applied to every value of every message file.

const root = resolve(import.meta.dirname, '../../..')
type Tree = { [key: string]: string | Tree }
const namespaces = readdirSync(join(root, 'messages', 'fr')).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)).sort()

function leaves(tree: Tree, prefix: string): [string, string][] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [[`${prefix}.${k}`, v] as [string, string]] : leaves(v, `${prefix}.${k}`)))
}
const values = (locale: 'fr' | 'en') =>
  namespaces.flatMap((ns) => leaves(JSON.parse(readFileSync(join(root, 'messages', locale, `${ns}.json`), 'utf8')) as Tree, ns))

function findings(entries: [string, string][], rule: (value: string) => string[]): string[] {
  return entries.flatMap(([key, value]) => rule(value).map((what) => `${key}: ${what} — ${JSON.stringify(value)}`))
}

// Namespaces read by young people and recruiters (and every visitor) on their main screens.
// Not in the list: admin, issuer, pilots, onboarding (professionals' tools) and developers (for integrators).
const PLAIN_NAMESPACES = ['auth', 'common', 'contacts', 'directory', 'landing', 'notifications', 'portfolio', 'privacy', 'profile', 'shares', 'shell', 'stories', 'taxonomy', 'verify', 'wallet']

/**
 * Keys that may name a technical thing, each with the reason. A key under a `technical` object
 * (the "Détails techniques / Technical details" disclosure) is allowed without being listed.
 */
const TECHNICAL_ALLOWED: Record<string, string> = {
  'portfolio.view.yourself.': 'the "check it yourself" download, for a technical reader: it names the two file formats',
  'verify.form.advanced.': 'the folded "advanced options" of /verify: a challenge and domain, for a technical reader',
  'wallet.actions.download.': 'the badge page’s download buttons name the two file formats of a badge',
  'wallet.detail.keepText.': 'says, under its download button, what the downloaded file is',
}

function technicalAllowed(key: string): boolean {
  if (key.split('.').includes('technical')) return true
  return Object.keys(TECHNICAL_ALLOWED).some((prefix) => (prefix.endsWith('.') ? key.startsWith(prefix) : key === prefix))
}

describe('message wording', () => {
  const fr = values('fr')
  const en = values('en')

  it('English: no space before ":", ";", "?" or "!"', () => {
    expect(findings(en, englishSpaceBeforePunctuation)).toEqual([])
  })

  it('French: a non-breaking space before ":", ";", "?", "!" and inside « »', () => {
    expect(findings(fr, frenchSpaceBeforePunctuation)).toEqual([])
  })

  it('French: the typographic apostrophe ’', () => {
    expect(findings(fr, frenchStraightApostrophe)).toEqual([])
  })

  it('French: "de {name}" elides ("d’Inès") or is rephrased', () => {
    expect(findings(fr, frenchElision)).toEqual([])
  })

  it('French: one inclusive form (conseiller·ère, tuteur·rice, recruteur·euse, inscrit·e)', () => {
    expect(findings(fr, frenchInclusiveForm)).toEqual([])
  })

  it('no technical words on young people’s and recruiters’ main screens, outside the technical details', () => {
    const plain = (entries: [string, string][]) => entries.filter(([key]) => PLAIN_NAMESPACES.includes(key.split('.')[0]!) && !technicalAllowed(key))
    expect([...findings(plain(fr), technicalWords), ...findings(plain(en), technicalWords)]).toEqual([])
  })

  it('every allow-listed key still exists (an allow-list entry outlives nothing)', () => {
    const keys = fr.map(([key]) => key)
    const stale = Object.keys(TECHNICAL_ALLOWED).filter((prefix) => !keys.some((k) => (prefix.endsWith('.') ? k.startsWith(prefix) : k === prefix)))
    expect(stale).toEqual([])
  })
})

describe('wording rules, on small inputs', () => {
  it.each([
    ['The situation : …', 1],
    ['Ready ?', 1],
    ['Why? Because: this; done!', 0],
    ['{count, plural, one {# badge} other {# badges}}', 0],
  ])('English %j has %i finding(s)', (value, n) => {
    expect(englishSpaceBeforePunctuation(value)).toHaveLength(n)
  })

  it.each([
    ['Attention : ça', 1],
    ['Attention\u00a0: ça', 0],
    ['Prêt ?', 1],
    ['Prêt\u202f?', 0],
    ['Prêt?', 1],
    ['Le mot « badge »', 2],
    ['Le mot «\u00a0badge\u00a0»', 0],
    ['did:web et 14:00 et https://x', 0],
    ['Statut: fini', 1],
    ["commence par « '{' »", 2],
  ])('French %j has %i spacing finding(s)', (value, n) => {
    expect(frenchSpaceBeforePunctuation(value)).toHaveLength(n)
  })

  it.each([
    ["l'attestation", 1],
    ['l’attestation', 0],
    ["commence par '{'", 0],
  ])('French %j has %i apostrophe finding(s)', (value, n) => {
    expect(frenchStraightApostrophe(value)).toHaveLength(n)
  })

  it.each([
    ['Récit de {name}', 1],
    ['tel que {name} le verra', 1],
    ['Récit {elision, select, yes {d’{name}} other {de {name}}}', 0],
    ['plus de {n} émetteurs, depuis le {date}, lot de {count}', 0],
    ['Raconté par {name}', 0],
  ])('French %j has %i elision finding(s)', (value, n) => {
    expect(frenchElision(value)).toHaveLength(n)
  })

  it.each([
    ['ton conseiller·ère', 0],
    ['les tuteur·rices et recruteur·euses', 0],
    ['tu es inscrit·e, déconnecté·es', 0],
    ['une personne (conseiller·ère, tuteur·rice)', 0],
    ['ton conseiller·e', 1],
    ['un tuteur·trice', 1],
    ['recruteur(euse)', 1],
    ['inscrit(e)', 1],
    ['ton conseiller ou ta conseillère', 1],
    ['example.com et did:web', 0],
  ])('French %j has %i inclusive-form finding(s)', (value, n) => {
    expect(frenchInclusiveForm(value)).toHaveLength(n)
  })

  it.each([
    ['signé avec ta propre clé', 1],
    ['Download the JSON or the JWT', 2],
    ['its DID is did:key:z6Mk…', 2],
    ['la présentation signée', 1],
    ['Compétences clés de l’UE', 0],
    ['key competence', 0],
    ['Bonjour, ton badge est prêt', 0],
    ['What did you do?', 0],
  ])('%j has %i technical word(s)', (value, n) => {
    expect(technicalWords(value)).toHaveLength(n)
  })
})
