import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect } from 'vitest'
import { baseURL, launchBrowser, openPages, WIDTHS } from './support/browser'
import { findLinkOnPage } from './support/links'
import { escapeRegExp, translator } from './support/messages'
import { decodeQrFromElement } from './support/qr'
import { axeCheck, checkScreen, SCREENSHOT_DIR } from './support/screens'
import { signIn, switchLanguage } from './support/session'
import { journeySteps } from './support/steps'

// Issue 12 §2–3, in French and in English: the demo's Samira, on a 360 px phone, makes a share,
// leaves, signs in again later, opens the share from her list and shows its QR code full screen;
// the code, read with jsQR, is the same link, which opens the recruiter's page; once she stops it,
// the link shows nothing. The demo world's ready recruiter link (printed by npm start) is in her list
// too, and opens her portfolio. Every screen passes axe and is photographed at 360 and 1280 px.

/** axe, and a screenshot of what the screen shows (not the whole page: the dialog covers the screen), at a phone's and a laptop's size. */
async function checkViewport(page: Page, name: string) {
  const start = page.viewportSize()!
  mkdirSync(SCREENSHOT_DIR, { recursive: true })
  for (const size of [{ width: WIDTHS.phone, height: 740 }, { width: WIDTHS.desktop, height: 800 }]) {
    await page.setViewportSize(size)
    await axeCheck(page, `${name} at ${size.width} px`)
    await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}-${size.width}.png`), animations: 'disabled' })
  }
  await page.setViewportSize(start)
}

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

describe.each(['fr', 'en'] as const)('shares shown again, in %s', (locale) => {
  const t = translator(locale)
  const step = journeySteps()
  const shot = (name: string) => `shares-${locale}-${name}`
  const label = `${locale === 'fr' ? 'Entretien boulangerie' : 'Bakery interview'} ${Date.now().toString(36)}`
  const pages = openPages(() => browser, { timeoutMs: 60_000 })
  let youth: Page
  let recruiter: Page
  let createdUrl = ''
  let shownUrl = ''

  afterAll(() => pages.closeAll())

  step('Samira makes a share of one badge and gets its link', async () => {
    youth = await pages.page({ locale, width: WIDTHS.phone })
    await signIn(youth, 'samira')
    await switchLanguage(youth, locale)
    await youth.goto('/wallet/shares/new')
    await youth.getByRole('checkbox').first().check()
    await youth.getByLabel(t('shares.form.label.label'), { exact: true }).fill(label)
    await youth.getByRole('button', { name: t('shares.form.submit'), exact: true }).click()
    await youth.getByRole('heading', { name: t('shares.created.title') }).waitFor()
    await youth.getByText(t('shares.created.kept'), { exact: true }).waitFor()
    createdUrl = await findLinkOnPage(youth, '/p/')
    expect(createdUrl.startsWith(`${baseURL()}/p/`)).toBe(true)
    await checkScreen(youth, shot('01-created'))
  })

  step('she leaves; signed in again later, she finds it in her list and opens it', async () => {
    await youth.context().close()
    youth = await pages.page({ locale, width: WIDTHS.phone })
    await signIn(youth, 'samira')
    await switchLanguage(youth, locale)
    await youth.goto('/wallet/shares')
    await youth.getByRole('heading', { name: label }).waitFor()
    await checkScreen(youth, shot('02-list'))
    await youth.getByRole('link', { name: `${t('shares.list.show')} : ${label}`, exact: true }).click()
    await youth.waitForURL((url) => /^\/wallet\/shares\/[0-9a-f-]{36}$/.test(url.pathname))
    await youth.getByRole('heading', { level: 1, name: label }).waitFor()
    expect(await findLinkOnPage(youth, '/p/')).toBe(createdUrl)
    await checkScreen(youth, shot('03-share'))
  })

  step('full screen: the code fills the phone, with the sentence, the link and its end; it reads as the same link', async () => {
    await youth.getByRole('button', { name: t('shares.fullScreen.open'), exact: true }).click()
    const dialog = youth.getByRole('dialog', { name: t('shares.fullScreen.title') })
    await dialog.waitFor()
    await dialog.getByText(createdUrl, { exact: true }).waitFor()
    const qr = dialog.getByRole('img', { name: t('shares.fullScreen.qrAlt') })
    // On a 360 × 740 phone: the dialog is the whole screen, the code nearly its width, everything in view without scrolling.
    await youth.setViewportSize({ width: WIDTHS.phone, height: 740 })
    expect(await dialog.boundingBox()).toMatchObject({ x: 0, y: 0, width: WIDTHS.phone, height: 740 })
    expect((await qr.boundingBox())!.width).toBeGreaterThanOrEqual(300)
    const close = (await dialog.getByRole('button', { name: t('shares.fullScreen.close'), exact: true }).boundingBox())!
    expect(close.y + close.height).toBeLessThanOrEqual(740)
    expect(close.height).toBeGreaterThanOrEqual(44)
    await checkViewport(youth, shot('04-full-screen'))
    shownUrl = await decodeQrFromElement(youth, qr)
    expect(shownUrl).toBe(createdUrl)
    await dialog.getByRole('button', { name: t('shares.fullScreen.close'), exact: true }).click()
    await dialog.waitFor({ state: 'hidden' })
  })

  step('the recruiter opening the scanned link sees Samira’s portfolio', async () => {
    recruiter = await pages.page({ locale, width: WIDTHS.desktop })
    const response = await recruiter.goto(shownUrl)
    expect(response?.status()).toBe(200)
    await expect.poll(() => recruiter.getByRole('main').getByRole('heading', { level: 1 }).textContent(), { timeout: 60_000 }).toContain('Samira')
  })

  step('she stops the link from its page: the page says so, and the link shows nothing any more', async () => {
    await youth.getByRole('button', { name: new RegExp(`^${escapeRegExp(t('shares.revoke.button'))}`) }).click()
    const confirm = youth.getByRole('button', { name: t('shares.revoke.confirm'), exact: true })
    await confirm.click()
    await youth.getByText(t('shares.show.revoked'), { exact: true }).waitFor()
    expect(await youth.getByRole('img', { name: t('shares.created.qrAlt') }).count()).toBe(0)
    await checkScreen(youth, shot('05-stopped'))
    await recruiter.goto(shownUrl)
    const main = recruiter.getByRole('main')
    await main.getByRole('heading', { name: t('portfolio.view.revoked.title') }).waitFor()
    expect(await main.getByText('Samira').count()).toBe(0)
  })

  step('the demo world’s recruiter link is in her list, on this server, and opens her portfolio', async () => {
    await youth.goto('/wallet/shares')
    const demo = youth.getByRole('link', { name: new RegExp(`^${escapeRegExp(t('shares.list.show'))} : Pour les recruteurs`) })
    await demo.click()
    await youth.getByRole('heading', { level: 1, name: /Pour les recruteurs/ }).waitFor()
    const demoUrl = await decodeQrFromElement(youth, youth.getByRole('img', { name: t('shares.created.qrAlt') }))
    expect(demoUrl).toMatch(new RegExp(`^${escapeRegExp(baseURL())}/p/[A-Za-z0-9_-]{43}$`))
    const response = await recruiter.goto(demoUrl)
    expect(response?.status()).toBe(200)
    await expect.poll(() => recruiter.getByRole('main').getByRole('heading', { level: 1 }).textContent(), { timeout: 60_000 }).toContain('Samira')
  })
})
