import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { hardCodedAttributes, hardCodedJsxText, tsxFiles } from './hard-coded-text'
import { placeholdersOf } from './icu'

// The checks of messages.test.ts, tested on small inputs: a scanner that never reports is worse than none.

describe('placeholdersOf', () => {
  it.each([
    ['Bonjour', []],
    ['Bonjour {name}', ['name']],
    ['{count, plural, one {# badge de {issuer}} other {# badges}}', ['count', 'issuer']],
    ['{role, select, youth {jeune} other {pro}} le {date, date, short}', ['role', 'date']],
    ['Lire <link>la suite</link>', ['<link>']],
    ["commence par « '{' »", []],
  ])('finds the placeholders of %j', (message, expected) => {
    expect([...placeholdersOf(message)].sort()).toEqual([...expected].sort())
  })

  it.each(['commence par « { »', 'a {name', 'a } b', '{count, plural, one {x}'])('rejects the malformed message %j', (message) => {
    expect(() => placeholdersOf(message)).toThrow(SyntaxError)
  })
})

describe('hard-coded text scan', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tremplin-scan-'))
  const write = (name: string, source: string) => {
    const file = join(dir, name)
    writeFileSync(file, source)
    return file
  }

  it('reports words between tags, with their line, and not words inside {…}, symbols or the brand', () => {
    const file = write('page.tsx', [
      'export default function P({ t }: { t: (k: string) => string }) {',
      '  return (<main>',
      '    <h1>{t("title")}</h1>',
      '    <p>Bonjour tout le monde</p>',
      '    <span>{"inside braces"}</span> · 1 / 2 — <b>Tremplin</b>',
      '    <em>é</em>',
      '  </main>)',
      '}',
    ].join('\n'))
    expect(hardCodedJsxText(file, dir)).toEqual([{ file: 'page.tsx', line: 4, text: 'Bonjour tout le monde' }])
  })

  it('reports literal words in aria-label, alt, title and placeholder, not in class names, ids or a URL format', () => {
    const file = write('form.tsx', [
      'export const F = ({ t }: { t: (k: string) => string }) => (<form aria-label="Connexion" className="form form--big">',
      '  <img alt={"Un logo"} src="/x.png" />',
      '  <input id="user-name" placeholder={t("p")} title={`Nom`} />',
      '  <input type="url" placeholder="https://" />',
      '</form>)',
    ].join('\n'))
    expect(hardCodedAttributes(file, dir).map((f) => f.text)).toEqual(['aria-label="Connexion"', 'alt="Un logo"', 'title="Nom"'])
  })

  it('lists .tsx files recursively, leaving out tests', () => {
    mkdirSync(join(dir, 'nested', 'tests'), { recursive: true })
    write('nested/view.tsx', 'export const V = () => null')
    write('nested/view.test.tsx', 'export const T = () => null')
    write('nested/tests/helper.tsx', 'export const H = () => null')
    write('nested/util.ts', 'export const u = 1')
    expect(tsxFiles(dir).map((f) => f.slice(dir.length + 1))).toEqual(['form.tsx', 'nested/view.tsx', 'page.tsx'])
  })
})
