import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { inject } from 'vitest'

/** The two widths every main screen is checked and photographed at: a cheap phone, a laptop. */
export const WIDTHS = { phone: 360, desktop: 1280 } as const
export type Locale = 'fr' | 'en'

/** The server under test (see global-setup.ts). */
export const baseURL = () => inject('baseURL')

/** Debian's chromium (CHROMIUM_PATH to use another), headless, with nothing that phones home. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })
}

let clients = 0
/** A new client address for each browser profile, in 198.18.0.0/15 (RFC 2544: for tests, never routed). */
function nextClientAddress(): string {
  const n = ++clients + (process.pid % 1000) * 100
  return `198.${18 + ((n >> 16) & 1)}.${(n >> 8) & 255}.${n & 255}`
}

/**
 * A fresh browser profile (no cookies): one per person in a test. `locale` sets the browser's
 * Accept-Language, which is what a visitor's first page is shown in.
 */
export function newContext(browser: Browser, { locale = 'fr', width = WIDTHS.phone }: { locale?: Locale; width?: number } = {}): Promise<BrowserContext> {
  return browser.newContext({
    baseURL: baseURL(),
    // A person of their own, from an address of their own (see global-setup.ts: TRUST_PROXY).
    extraHTTPHeaders: { 'x-forwarded-for': nextClientAddress() },
    locale: locale === 'fr' ? 'fr-FR' : 'en-GB',
    timezoneId: 'Europe/Paris',
    viewport: { width, height: 800 },
    reducedMotion: 'reduce',
  })
}

/**
 * The browser profiles a block of tests opens, closed together when it ends: `page(options)` opens
 * one (see newContext), `closeAll()` goes in the block's afterAll. `timeoutMs` raises Playwright's
 * default waits, for screens that sign and verify on a busy machine.
 */
export function openPages(browser: () => Browser, { timeoutMs }: { timeoutMs?: number } = {}) {
  const contexts: BrowserContext[] = []
  return {
    async page(options?: Parameters<typeof newContext>[1]): Promise<Page> {
      const ctx = await newContext(browser(), options)
      if (timeoutMs) {
        ctx.setDefaultTimeout(timeoutMs)
        ctx.setDefaultNavigationTimeout(timeoutMs)
      }
      contexts.push(ctx)
      return ctx.newPage()
    },
    closeAll: async () => {
      await Promise.all(contexts.splice(0).map((c) => c.close()))
    },
  }
}
