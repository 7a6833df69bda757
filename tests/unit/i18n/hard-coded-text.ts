import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import ts from 'typescript'

/** Words that are the same in every language and may appear as literal JSX text. */
export const ALLOWED_TEXT = new Set(['Tremplin'])

/** Attributes whose string value is read or heard by people, so must come from the messages. */
export const UI_ATTRIBUTES = new Set(['alt', 'title', 'placeholder', 'aria-label', 'aria-description', 'aria-roledescription', 'aria-valuetext'])

export interface Finding {
  file: string
  line: number
  text: string
}

/** Every .tsx file under `dir`, tests excepted. */
export function tsxFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.tsx') && !/\.(test|spec)\.tsx$/.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .filter((f) => !f.split(/[\\/]/).some((part) => part === '__tests__' || part === 'tests'))
    .sort()
}

// "Text" means at least two letters, in any script; punctuation, digits and symbols alone are not words.
const hasWords = (text: string) => (text.match(/\p{L}/gu) ?? []).length >= 2
// A URL or a bare scheme ("https://") is the same in every language: a format, not words.
const isUrl = (text: string) => /^[a-z][a-z0-9+.-]*:\/\/\S*$/i.test(text.trim())
const isAllowed = (text: string) => ALLOWED_TEXT.has(text.trim()) || isUrl(text)

function scan(file: string, root: string, visit: (node: ts.Node, report: (node: ts.Node, text: string) => void) => void): Finding[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX)
  const findings: Finding[] = []
  const report = (node: ts.Node, text: string) => {
    const { line } = source.getLineAndCharacterOfPosition(node.getStart(source))
    findings.push({ file: relative(root, file), line: line + 1, text: text.trim().replace(/\s+/g, ' ') })
  }
  const walk = (node: ts.Node) => {
    visit(node, report)
    ts.forEachChild(node, walk)
  }
  walk(source)
  return findings
}

/** JSX text nodes (text written between tags, not inside `{…}`) that contain words. */
export function hardCodedJsxText(file: string, root: string): Finding[] {
  return scan(file, root, (node, report) => {
    if (ts.isJsxText(node) && !node.containsOnlyTriviaWhiteSpaces && hasWords(node.text) && !isAllowed(node.text)) report(node, node.text)
  })
}

/** String literals given to the attributes people read or hear (alt, title, aria-label, placeholder…). */
export function hardCodedAttributes(file: string, root: string): Finding[] {
  return scan(file, root, (node, report) => {
    if (!ts.isJsxAttribute(node) || !node.initializer) return
    const name = node.name.getText()
    if (!UI_ATTRIBUTES.has(name)) return
    const init = node.initializer
    const literal = ts.isStringLiteral(init)
      ? init
      : ts.isJsxExpression(init) && init.expression && (ts.isStringLiteral(init.expression) || ts.isNoSubstitutionTemplateLiteral(init.expression))
        ? init.expression
        : undefined
    if (literal && hasWords(literal.text) && !isAllowed(literal.text)) report(node, `${name}="${literal.text}"`)
  })
}

export const formatFindings = (findings: Finding[]) => findings.map((f) => `  ${f.file}:${f.line}  ${JSON.stringify(f.text)}`).join('\n')
