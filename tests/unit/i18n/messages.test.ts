import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { placeholdersOf } from './icu'
import { formatFindings, hardCodedAttributes, hardCodedJsxText, tsxFiles } from './hard-coded-text'

// Every UI word comes from messages/{fr,en}/<namespace>.json; French and English must say the same
// things with the same variables, and no page may carry words that skip the message files.

const root = resolve(import.meta.dirname, '../../..')
const LOCALES = ['fr', 'en'] as const
type Tree = { [key: string]: string | Tree }

const namespacesOf = (locale: string) => readdirSync(join(root, 'messages', locale)).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)).sort()
const load = (locale: string, ns: string): Tree => JSON.parse(readFileSync(join(root, 'messages', locale, `${ns}.json`), 'utf8'))

/** Leaf path → value; a non-string leaf (number, array, null) is returned as such so a test can flag it. */
function leaves(tree: unknown, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>()
  if (tree && typeof tree === 'object' && !Array.isArray(tree)) {
    for (const [k, v] of Object.entries(tree)) for (const [p, leaf] of leaves(v, prefix ? `${prefix}.${k}` : k)) out.set(p, leaf)
  } else {
    out.set(prefix, tree)
  }
  return out
}

const namespaces = namespacesOf('fr')
const FRENCH_ONLY_FLAGS = new Set(['elision'])

describe('message files', () => {
  it('have the same namespaces in French and English, each one merged into the locale index', () => {
    expect(namespacesOf('en')).toEqual(namespaces)
    for (const locale of LOCALES) {
      const index = readFileSync(join(root, 'messages', locale, 'index.ts'), 'utf8')
      const missing = namespaces.filter((ns) => !index.includes(`'./${ns}.json'`))
      expect(missing, `messages/${locale}/index.ts does not import`).toEqual([])
    }
  })

  describe.each(namespaces)('namespace %s', (ns) => {
    const fr = leaves(load('fr', ns))
    const en = leaves(load('en', ns))

    it('has exactly the same keys in French and English', () => {
      const onlyFr = [...fr.keys()].filter((k) => !en.has(k))
      const onlyEn = [...en.keys()].filter((k) => !fr.has(k))
      expect({ missingInEnglish: onlyFr, missingInFrench: onlyEn }).toEqual({ missingInEnglish: [], missingInFrench: [] })
    })

    it('has only non-empty strings as values', () => {
      const bad = [...[...fr].map(([k, v]) => [`fr:${k}`, v] as const), ...[...en].map(([k, v]) => [`en:${k}`, v] as const)]
        .filter(([, v]) => typeof v !== 'string' || v.trim() === '')
        .map(([k, v]) => `${k} = ${JSON.stringify(v)}`)
      expect(bad).toEqual([])
    })

    it('uses the same ICU placeholders in French and English, in well-formed messages', () => {
      const differences: string[] = []
      for (const [key, frValue] of fr) {
        const enValue = en.get(key)
        if (typeof frValue !== 'string' || typeof enValue !== 'string') continue
        let a: Set<string>, b: Set<string>
        try {
          a = placeholdersOf(frValue)
          b = placeholdersOf(enValue)
        } catch (e) {
          differences.push(`${key}: ${(e as Error).message}`)
          continue
        }
        // A grammar flag only French needs ("d’Inès" / "de Samira", lib/i18n/elision.ts) may be absent in English.
        const onlyFr = [...a].filter((p) => !b.has(p) && !FRENCH_ONLY_FLAGS.has(p))
        const onlyEn = [...b].filter((p) => !a.has(p))
        if (onlyFr.length || onlyEn.length) differences.push(`${key}: only in fr ${JSON.stringify(onlyFr)}, only in en ${JSON.stringify(onlyEn)}`)
      }
      expect(differences).toEqual([])
    })
  })
})

describe('pages and components under app/', () => {
  const files = tsxFiles(join(root, 'app'))

  it('are found by the scan', () => {
    expect(files.length).toBeGreaterThan(5)
  })

  it('carry no hard-coded text between JSX tags (words go through next-intl)', () => {
    const findings = files.flatMap((f) => hardCodedJsxText(f, root))
    expect(findings, `hard-coded JSX text:\n${formatFindings(findings)}\n`).toEqual([])
  })

  it('carry no hard-coded words in alt, title, placeholder or aria-label attributes', () => {
    const findings = files.flatMap((f) => hardCodedAttributes(f, root))
    expect(findings, `hard-coded attribute text:\n${formatFindings(findings)}\n`).toEqual([])
  })
})
