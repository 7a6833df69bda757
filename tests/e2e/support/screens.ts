import AxeBuilder from '@axe-core/playwright'
import { mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { Page } from 'playwright-core'
import { WIDTHS } from './browser'

/** Git-ignored: the screenshots are for people to look at, not to compare pixel by pixel. */
export const SCREENSHOT_DIR = resolve(import.meta.dirname, '../screenshots')

/**
 * Hides the Next.js development badge (`next dev` only; E2E_BASE_URL runs), which sits over the
 * bottom-left corner of the page and would cover part of a screenshot or a QR code.
 */
export async function hideDevOverlay(page: Page) {
  // A constructed stylesheet, not a <style> tag: the app's Content-Security-Policy (style-src with a
  // nonce) refuses inline style tags, the tests' own included.
  await page.evaluate(() => {
    const sheet = new CSSStyleSheet()
    sheet.replaceSync('nextjs-portal { display: none !important; }')
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet]
  })
}

/** Saves a full-page screenshot to tests/e2e/screenshots/<name>-<width>.png; returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true })
  await hideDevOverlay(page)
  const width = page.viewportSize()?.width ?? 0
  const path = join(SCREENSHOT_DIR, `${name}-${width}.png`)
  await page.screenshot({ path, fullPage: true, animations: 'disabled' })
  return path
}

interface AxeViolation {
  id: string
  impact?: string | null
  help: string
  helpUrl: string
  nodes: { target: unknown[]; failureSummary?: string }[]
}

/** One readable paragraph per violation: rule, impact, what to fix, and where. */
export function describeViolations(violations: AxeViolation[]): string {
  return violations.map((v) => [
    `[${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})`,
    ...v.nodes.slice(0, 5).map((n) => `    at ${n.target.join(' ')}\n      ${(n.failureSummary ?? '').replace(/\n/g, '\n      ')}`),
    v.nodes.length > 5 ? `    … and ${v.nodes.length - 5} more` : '',
  ].filter(Boolean).join('\n')).join('\n\n')
}

/** Runs axe-core (WCAG 2.x A and AA rules) on the page; fails on any serious or critical violation. */
export async function axeCheck(page: Page, label = page.url()) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze()
  const blocking = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  if (blocking.length) throw new Error(`axe found ${blocking.length} serious or critical violation(s) on ${label}:\n${describeViolations(blocking)}`)
}

/**
 * A main screen of the journey: axe at the phone width and at the desktop width, with a
 * screenshot at each; the page is left at the width it had.
 */
export async function checkScreen(page: Page, name: string) {
  const start = page.viewportSize() ?? { width: WIDTHS.phone, height: 800 }
  for (const width of [WIDTHS.phone, WIDTHS.desktop]) {
    await page.setViewportSize({ width, height: 800 })
    await axeCheck(page, `${name} at ${width} px`)
    await screenshot(page, name)
  }
  await page.setViewportSize(start)
}
