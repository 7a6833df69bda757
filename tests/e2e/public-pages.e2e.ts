import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser, newContext, WIDTHS, type Locale } from './support/browser'
import { translator } from './support/messages'
import { checkScreen } from './support/screens'
import { DEMO_PASSWORD, pageLocale, switchLanguage } from './support/session'

// What a visitor sees before signing in: the landing page, the sign-in page (with its errors) and
// the not-found page, in the browser's language, switchable from the header; the developer page.

/** The landing page's full height on a 360 px phone, in CSS pixels. */
const LANDING_MAX_HEIGHT = 2500
/** Words for integrators, which belong on /developers and not on the landing page. */
const TECHNICAL = /\bDIDs?\b|did:|POST \/|npm |JSON|JWT|VC-API|W3C/

let browser: Browser
let ctx: BrowserContext | undefined
beforeAll(async () => {
  browser = await launchBrowser()
})
afterEach(async () => {
  await ctx?.close()
  ctx = undefined
})
afterAll(async () => {
  await browser?.close()
})

async function open(path: string, locale: Locale, width: number = WIDTHS.phone): Promise<Page> {
  ctx = await newContext(browser, { locale, width })
  const page = await ctx.newPage()
  await page.goto(path)
  return page
}

describe.each(['fr', 'en'] as const)('public pages in %s', (locale) => {
  const t = translator(locale)

  it('the landing page speaks the browser’s language, fits a phone in plain words and leads to sign-in', async () => {
    const page = await open('/', locale)
    expect(await pageLocale(page)).toBe(locale)
    await page.getByRole('heading', { level: 1, name: t('landing.hero.title') }).waitFor()
    expect(await page.getByRole('banner').getByRole('link', { name: t('shell.signIn'), exact: true }).count()).toBe(1)
    await checkScreen(page, `public-${locale}-landing`)
    // Young people, the people who vouch and employers each get one thing to do next.
    const main = page.getByRole('main')
    for (const [key, path] of [['youth', '/sign-in'], ['issuers', '/register'], ['employers', '/verify']] as const) {
      await main.getByRole('heading', { level: 3, name: t(`landing.audiences.items.${key}.title`) }).waitFor()
      expect(await main.getByRole('link', { name: t(`landing.audiences.items.${key}.action`), exact: true }).getAttribute('href')).toBe(path)
    }
    expect(await main.getByRole('link', { name: t('landing.hero.verify'), exact: true }).getAttribute('href')).toBe('/verify')
    // No developer words on the page a young person or an employer lands on.
    expect(await main.innerText()).not.toMatch(TECHNICAL)
    // Short on a cheap phone (it was 5,935 px when it carried the developer material).
    expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThan(LANDING_MAX_HEIGHT)
    await main.getByRole('link', { name: t('landing.hero.signIn'), exact: true }).click()
    await page.waitForURL((url) => url.pathname === '/sign-in')
  })

  it('the developer material is on its own page, linked from the bottom of the landing page', async () => {
    const page = await open('/', locale)
    await page.getByRole('main').getByRole('link', { name: t('landing.developersLink'), exact: true }).click()
    await page.waitForURL((url) => url.pathname === '/developers')
    await page.getByRole('heading', { level: 1, name: t('developers.title') }).waitFor()
    const main = page.getByRole('main')
    await main.getByText('POST /credentials/verify', { exact: true }).waitFor()
    await main.getByText('npm run vc -- verify', { exact: false }).waitFor()
    // Each approved organisation with the DID it signs with.
    expect(await main.getByRole('list', { name: t('developers.organisations.listLabel') }).getByText(/^did:/).count()).toBeGreaterThan(0)
    await checkScreen(page, `public-${locale}-developers`)
  })

  it('the sign-in page keeps the identifier and says, without telling which, that the details are wrong', async () => {
    const page = await open('/sign-in', locale)
    await checkScreen(page, `public-${locale}-sign-in`)
    const identifier = page.getByLabel(t('auth.signIn.identifier'), { exact: true })
    const password = page.getByLabel(t('auth.signIn.password'), { exact: true })
    expect(await identifier.getAttribute('autocomplete')).toBe('username')
    expect(await password.getAttribute('autocomplete')).toBe('current-password')

    await identifier.fill('samira')
    await password.fill('not-the-password')
    await page.getByRole('main').getByRole('button', { name: t('auth.signIn.submit'), exact: true }).click()
    await page.getByText(t('auth.signIn.errors.invalid')).waitFor()
    expect(await identifier.inputValue()).toBe('samira')
    expect(await password.getAttribute('aria-invalid')).toBe('true')
    await checkScreen(page, `public-${locale}-sign-in-error`)

    // The same words for an account that does not exist.
    await identifier.fill('nobody-by-this-name')
    await password.fill('whatever-password')
    await page.getByRole('main').getByRole('button', { name: t('auth.signIn.submit'), exact: true }).click()
    await expect.poll(() => identifier.inputValue()).toBe('nobody-by-this-name')
    await page.getByText(t('auth.signIn.errors.invalid')).waitFor()
  })

  it('the sign-in page shows the password on demand and asks for what is missing', async () => {
    const page = await open('/sign-in', locale)
    const password = page.getByLabel(t('auth.signIn.password'), { exact: true })
    await password.fill(DEMO_PASSWORD)
    expect(await password.getAttribute('type')).toBe('password')
    await page.getByRole('button', { name: t('auth.signIn.showLabel') }).click()
    expect(await password.getAttribute('type')).toBe('text')
    await page.getByRole('button', { name: t('auth.signIn.hideLabel') }).click()
    expect(await password.getAttribute('type')).toBe('password')

    await page.getByRole('main').getByRole('button', { name: t('auth.signIn.submit'), exact: true }).click()
    await page.getByText(t('auth.signIn.errors.identifierRequired')).waitFor()
    const identifier = page.getByLabel(t('auth.signIn.identifier'), { exact: true })
    expect(await identifier.getAttribute('aria-invalid')).toBe('true')
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('identifier')
  })

  it('an unknown address shows the not-found page with a way home', async () => {
    ctx = await newContext(browser, { locale })
    const page = await ctx.newPage()
    const response = await page.goto('/this-page-does-not-exist')
    expect(response?.status()).toBe(404)
    await page.getByRole('heading', { level: 1, name: t('landing.status.notFound.title') }).waitFor()
    await page.getByRole('main').getByRole('link', { name: t('landing.status.notFound.home') }).waitFor()
    await checkScreen(page, `public-${locale}-not-found`)
  })
})

describe('the language switch', () => {
  it('turns the landing page from French to English and back, and remembers the choice', async () => {
    const page = await open('/', 'fr')
    await switchLanguage(page, 'en')
    await page.getByRole('heading', { level: 1, name: translator('en')('landing.hero.title') }).waitFor()
    await page.goto('/sign-in')
    expect(await pageLocale(page)).toBe('en')
    await switchLanguage(page, 'fr')
    await page.getByRole('heading', { level: 1, name: translator('fr')('auth.signIn.title') }).waitFor()
  })
})
