import { chromium, type Browser, type ConsoleMessage, type Page } from 'playwright-core'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { ACTION_BODY_LIMIT_BYTES } from '@/lib/security/body-limit'
import { PERMISSIONS_POLICY } from '@/lib/security/headers'
import { baseURL, newContext, WIDTHS } from './support/browser'
import { findLinkOnPage } from './support/links'
import { escapeRegExp, translator } from './support/messages'
import { signIn, switchLanguage } from './support/session'
import { journeySteps } from './support/steps'

// Issue 10 §6, in a real browser against the production server: every response carries the
// security headers, each page gets its own CSP nonce, and the main pages (landing, sign-in, /verify
// with the camera, the issuer's issue page with a photo, the wallet, a shared portfolio) run under
// that policy with no violation and with React hydrated (client code works).

const url = (path: string) => `${baseURL()}${path}`
const nonceOf = (csp: string | null) => /'nonce-([^']+)'/.exec(csp ?? '')?.[1]

describe('headers on every response', () => {
  const PATHS = ['/', '/sign-in', '/verify', '/wallet', '/p/no-such-share-token-000000', '/no-such-page', '/icon.svg', '/credentials/verify', '/privacy/export']

  test.each(PATHS)('%s', async (path) => {
    const response = await fetch(url(path), { redirect: 'manual' })
    const h = response.headers
    const csp = h.get('content-security-policy') ?? ''
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/]+=*' 'strict-dynamic'/)
    expect(csp).toContain("frame-ancestors 'none'")
    expect(csp).toContain("object-src 'none'")
    expect(csp).not.toContain('unsafe-inline')
    expect(h.get('x-content-type-options')).toBe('nosniff')
    expect(h.get('x-frame-options')).toBe('DENY')
    expect(h.get('referrer-policy')).toBe(path.startsWith('/p/') ? 'no-referrer' : 'strict-origin-when-cross-origin')
    expect(h.get('permissions-policy')).toBe(PERMISSIONS_POLICY)
    expect(h.get('cross-origin-opener-policy')).toBe('same-origin')
    // The server under test is plain http: no HSTS (it would pin a name to https for a year).
    expect(h.get('strict-transport-security')).toBeNull()
  })

  test('each page has its own nonce, and every script in it carries that nonce', async () => {
    const pages = await Promise.all([fetch(url('/')), fetch(url('/'))])
    const [a, b] = pages.map((r) => nonceOf(r.headers.get('content-security-policy')))
    expect(a).toBeTruthy()
    expect(a).not.toBe(b)
    const html = await pages[0]!.text()
    const scripts = html.match(/<script\b[^>]*>/g) ?? []
    expect(scripts.length).toBeGreaterThan(0)
    for (const tag of scripts) expect(tag).toContain(`nonce="${a}"`)
  })

  test('a malformed path gets the not-found page, not a crash', async () => {
    for (const path of ['/directory/%ZZ', '/p/%ZZ', '/wallet/%E0%A4%A']) expect([path, (await fetch(url(path), { redirect: 'manual' })).status]).toEqual([path, 404])
  })

  test('a server action body over the limit gets 413', async () => {
    const body = new Uint8Array(ACTION_BODY_LIMIT_BYTES + 1024)
    const response = await fetch(url('/verify'), { method: 'POST', body, headers: { 'next-action': '0'.repeat(42), 'content-type': 'text/plain;charset=UTF-8' } })
    expect(response.status).toBe(413)
  })

  test('/privacy/export answers only POST', async () => {
    expect((await fetch(url('/privacy/export'), { redirect: 'manual' })).status).toBe(405)
  })
})

describe('pages under the Content-Security-Policy', () => {
  let browser: Browser
  const problems: string[] = []
  const t = translator('en')
  const step = journeySteps()
  const skill = `Fixing bicycles ${Date.now().toString(36)}`
  let shareUrl = ''

  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      // A fake camera that needs no click to allow: /verify's scanner must get it (Permissions-Policy).
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync',
        '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'],
    })
  })
  afterAll(async () => {
    await browser?.close()
  })

  /** A page that records every CSP violation, console error and uncaught error. */
  async function watched(width: number = WIDTHS.desktop): Promise<Page> {
    const ctx = await newContext(browser, { locale: 'en', width })
    const page = await ctx.newPage()
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI}`))
    })
    page.on('console', (m: ConsoleMessage) => { if (m.type() === 'error' || /Content.Security.Policy|Refused to/i.test(m.text())) problems.push(`${page.url()}: ${m.text()}`) })
    page.on('pageerror', (e) => problems.push(`${page.url()}: ${e.message}`))
    return page
  }

  /** React has taken over the page: the header's language switch (a client component) is hydrated. */
  async function hydrated(page: Page) {
    await page.waitForFunction(() => {
      const form = document.querySelector('form.lang-switch')
      return !!form && Object.keys(form).some((k) => k.startsWith('__react'))
    }, undefined, { timeout: 15_000 })
  }

  const noProblems = () => expect(problems.splice(0)).toEqual([])

  step('the landing and sign-in pages hydrate with no violation', async () => {
    const page = await watched()
    for (const path of ['/', '/sign-in']) {
      await page.goto(path)
      await hydrated(page)
    }
    await page.context().close()
    noProblems()
  })

  step('/verify starts the camera (allowed for this origin) with no violation', async () => {
    const page = await watched(WIDTHS.phone)
    await page.goto('/verify')
    await hydrated(page)
    await page.getByRole('button', { name: t('verify.scan.start') }).click()
    // Scanning means getUserMedia gave a stream; a refusal (Permissions-Policy) would say "denied".
    await page.getByText(t('verify.scan.scanning'), { exact: true }).waitFor()
    await page.getByRole('button', { name: t('verify.scan.stop') }).waitFor()
    for (const e of ['denied', 'unavailable', 'failed']) expect(await page.getByText(t(`verify.scan.errors.${e}`)).count()).toBe(0)
    await page.context().close()
    noProblems()
  })

  step('a counsellor issues a badge with a photo: the preview (a blob: image) shows, the badge is signed', async () => {
    const page = await watched()
    await signIn(page, 'claire')
    await switchLanguage(page, 'en')
    await page.goto('/issuer/issue')
    await hydrated(page)
    await page.getByLabel(t('issuer.issue.fields.holder')).selectOption({ label: 'Samira B. (samira)' })
    await page.getByRole('combobox', { name: t('issuer.issue.fields.skill') }).fill(skill)
    await page.keyboard.press('Escape')
    await page.getByRole('radio', { name: t('issuer.levels.practising.label') }).check()
    await page.getByRole('radio', { name: t('issuer.issue.fields.evidenceLevelWitnessed') }).check()
    await page.getByRole('textbox', { name: t('issuer.issue.fields.criteria'), exact: true }).fill('Repaired six bicycles for the youth club, safely.')
    const photo = await sharp({ create: { width: 120, height: 90, channels: 3, background: '#2a7' } }).jpeg()
      .withExif({ IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '50/1 41/1 2/1', GPSMapDatum: 'e2e-gps-marker' } }).toBuffer()
    await page.locator('input[name="evidencePhoto"]').setInputFiles({ name: 'bike.jpg', mimeType: 'image/jpeg', buffer: photo })
    await page.getByRole('button', { name: t('issuer.issue.previewButton'), exact: true }).click()
    const preview = page.locator('img[src^="blob:"]')
    await preview.waitFor()
    await expect.poll(() => preview.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(120)
    await page.getByRole('button', { name: t('issuer.issue.preview.sign'), exact: true }).click()
    await page.waitForURL((u) => u.pathname === '/issuer/issued')
    await page.context().close()
    noProblems()
  })

  step('the young person sees it in her wallet and shares it', async () => {
    const page = await watched(WIDTHS.phone)
    await signIn(page, 'samira')
    await switchLanguage(page, 'en')
    await page.goto('/wallet')
    await hydrated(page)
    await page.goto('/wallet/shares/new')
    await hydrated(page)
    await page.getByRole('checkbox', { name: new RegExp(escapeRegExp(skill)) }).check()
    await page.getByLabel(t('shares.form.label.label'), { exact: true }).fill('Bike shop')
    await page.getByRole('button', { name: t('shares.form.submit'), exact: true }).click()
    await page.getByRole('heading', { name: t('shares.created.title') }).waitFor()
    shareUrl = await findLinkOnPage(page, '/p/')
    await page.context().close()
    noProblems()
  })

  step('the shared portfolio shows the photo, re-encoded, served under its own sandbox policy', async () => {
    const page = await watched(WIDTHS.phone)
    expect((await page.goto(shareUrl))?.status()).toBe(200)
    await hydrated(page)
    const img = page.getByRole('main').locator('img[src*="/photo/"]').first()
    await img.scrollIntoViewIfNeeded()
    await expect.poll(() => img.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth), { timeout: 15_000 }).toBe(120)
    const photo = await fetch(new URL((await img.getAttribute('src'))!, shareUrl))
    expect(photo.headers.get('content-type')).toBe('image/jpeg')
    expect(photo.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox")
    expect(Buffer.from(await photo.arrayBuffer()).includes('e2e-gps-marker')).toBe(false)
    await page.context().close()
    noProblems()
  })
})

describe('absent or someone else’s: real 404s', () => {
  let browser: Browser
  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    })
  })
  afterAll(async () => {
    await browser?.close()
  })

  /** A signed-in browser profile; its `request` shares the session cookie. */
  async function as(username: string) {
    const ctx = await newContext(browser, { locale: 'en' })
    const page = await ctx.newPage()
    await signIn(page, username)
    return page
  }
  const status = async (page: Page, path: string) => [path, (await page.request.get(path, { maxRedirects: 0 })).status()]
  const hrefs = async (page: Page, path: string, prefix: string) => {
    await page.goto(path)
    return page.locator(`main a[href^="${prefix}"]`).evaluateAll((as) => [...new Set(as.map((a) => a.getAttribute('href')!))])
  }
  const UNKNOWN = '0b7e2c1e-1111-4222-8333-444455556666'

  test('another young person’s credential, its photo and download, and skill story', async () => {
    const lucas = await as('lucas')
    const credential = (await hrefs(lucas, '/wallet', '/wallet/')).find((h) => /^\/wallet\/[0-9a-f-]{36}$/.test(h))!
    const story = (await hrefs(lucas, '/stories', '/stories/')).find((h) => /^\/stories\/[0-9a-f-]{36}$/.test(h))!
    expect([credential, story]).toEqual([expect.any(String), expect.any(String)])
    expect(await status(lucas, credential)).toEqual([credential, 200])
    const samira = await as('samira')
    for (const path of [credential, `${credential}/photo`, `${credential}/download`, story, `${story}/edit`, `/wallet/${UNKNOWN}`, `/stories/${UNKNOWN}`, `/contacts/${UNKNOWN}`, `/profile/experiences/${UNKNOWN}`]) {
      expect(await status(samira, path)).toEqual([path, 404])
    }
    // Lucas's story waits in Claire's queue: Karim (another organisation) does not see it.
    const karim = await as('karim')
    expect(await status(karim, `/issuer${story}`)).toEqual([`/issuer${story}`, 404])
    await Promise.all([lucas, samira, karim].map((p) => p.context().close()))
  })

  test('unknown pilots, batches, directory profiles and share links', async () => {
    const claire = await as('claire')
    for (const path of [`/issuer/pilots/${UNKNOWN}`, `/issuer/pilots/${UNKNOWN}/edit`, `/issuer/pilots/${UNKNOWN}/bulk`, `/issuer/pilots/${UNKNOWN}/bulk/${UNKNOWN}`, `/issuer/stories/${UNKNOWN}`]) {
      expect(await status(claire, path)).toEqual([path, 404])
    }
    const julie = await as('julie')
    expect(await status(julie, '/directory/ZZZZZZ')).toEqual(['/directory/ZZZZZZ', 404])
    const visitor = await (await newContext(browser, { locale: 'en' })).newPage()
    for (const path of ['/p/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', '/p/short', `/p/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/photo/${UNKNOWN}`, '/p/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/presentation']) {
      expect(await status(visitor, path)).toEqual([path, 404])
    }
    await Promise.all([claire, julie, visitor].map((p) => p.context().close()))
  })
})
