import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect } from 'vitest'
import { launchBrowser, openPages, WIDTHS } from './support/browser'
import { escapeRegExp, translator } from './support/messages'
import { decodeQrFromElement } from './support/qr'
import { axeCheck, checkScreen, screenshot } from './support/screens'
import { signIn, switchLanguage } from './support/session'
import { journeySteps } from './support/steps'

// Issue 12 §1, in French and in English: the recruiter's one screen. The demo's Samira has a
// ready recruiter link (made at seeding); opened on a 360×740 phone, the first 740 px hold her
// first name, one verdict in words and her proven skills (three), each with its level, how the
// organisation knows and who vouches. Her own words come after, labelled as hers, with no
// "not verified" verdict; the technical checks are folded away. On /verify, a badge changed after
// signing shows no valid card and no evidence level as a fact.

const PHONE = { width: WIDTHS.phone, height: 740 }

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

describe.each(['fr', 'en'] as const)('the recruiter’s screen, in %s', (locale) => {
  const t = translator(locale)
  const step = journeySteps()
  const shot = (name: string) => `recruiter-screen-${locale}-${name}`
  const pages = openPages(() => browser, { timeoutMs: 60_000 })
  let youth: Page
  let recruiter: Page
  let link = ''
  afterAll(() => pages.closeAll())

  step('Samira’s ready recruiter link is in her shares', async () => {
    youth = await pages.page({ locale, width: WIDTHS.phone })
    await signIn(youth, 'samira')
    await switchLanguage(youth, locale)
    await youth.goto('/wallet/shares')
    await youth.getByRole('link', { name: new RegExp(`^${escapeRegExp(t('shares.list.show'))} : Pour les recruteurs`) }).click()
    await youth.waitForURL((url) => /^\/wallet\/shares\/[^/]+$/.test(url.pathname))
    link = await decodeQrFromElement(youth, youth.getByRole('img', { name: t('shares.created.qrAlt') }))
    expect(link).toMatch(/\/p\/[\w-]{43}$/)
  })

  step('on a 360×740 phone, the first screen holds her first name, one verdict and three proven skills', async () => {
    recruiter = await pages.page({ locale, width: WIDTHS.phone })
    await recruiter.setViewportSize(PHONE)
    await recruiter.goto(link)
    const main = recruiter.getByRole('main')
    await expect.poll(() => main.getByRole('heading', { level: 1 }).textContent()).toBe('Samira')
    const verdict = main.locator('[data-portfolio-verdict]')
    await verdict.getByText(t('portfolio.view.verdict.title', { proven: 3, shown: 3 }), { exact: true }).waitFor()
    expect(await verdict.getAttribute('data-portfolio-verdict')).toBe('all')
    await screenshot(recruiter, shot('first-screen'))

    const proven = main.getByTestId('proven-skills').locator(':scope > li[data-card-verdict="valid"]')
    expect(await proven.count()).toBeGreaterThanOrEqual(3)
    const within = async (box: { y: number; height: number } | null) => box !== null && box.y >= 0 && box.y + box.height <= PHONE.height
    expect(await within(await verdict.boundingBox()), 'the verdict is on the first screen').toBe(true)
    for (let i = 0; i < 3; i++) {
      const box = await proven.nth(i).boundingBox()
      expect(await within(box), `proven skill ${i + 1} is on the first screen (${JSON.stringify(box)})`).toBe(true)
    }
    // Each row: its level, how the organisation knows, who vouches (by name).
    const list = main.getByTestId('proven-skills')
    await list.locator('[data-level-step]').first().waitFor()
    expect(await list.innerText()).toContain('Mission Locale Roubaix-Tourcoing')
    expect(await list.innerText()).toContain(t('common.evidence.witnessed.term'))

    // One mark per skill, never three; the first trust words are never "not verified".
    expect(await main.getByTestId('proven-skills').locator('.pill--passed').count()).toBe(0)
    expect(await main.locator('article[data-card-verdict="valid"] .pill--passed').count()).toBe(await main.locator('article[data-card-verdict="valid"]').count())
    const firstScreen = await recruiter.evaluate(() => document.querySelector('main')!.innerText.slice(0, 600))
    expect(firstScreen).not.toContain(t('portfolio.verdict.notValid.failed'))
  })

  step('her own words come next, labelled as hers, with no empty section and no "not verified" verdict', async () => {
    const own = recruiter.getByTestId('own-words')
    await own.getByRole('heading', { name: t('portfolio.view.ownWords.title'), exact: true }).waitFor()
    const text = await own.innerText()
    expect(text).not.toContain(t('profile.public.empty'))
    expect(text).not.toContain(t('portfolio.verdict.notValid.failed'))
    expect(text).not.toContain(t('profile.public.notVerified', { name: 'Samira' }))
    // The technical checks are folded away in one disclosure, closed.
    const technical = recruiter.getByTestId('technical-details')
    expect(await technical.count()).toBe(1)
    expect(await technical.getAttribute('open')).toBeNull()
    await checkScreen(recruiter, shot('page'))
  })

  step('on /verify, a badge changed after signing shows no valid card and no evidence level as a fact', async () => {
    await youth.goto('/wallet')
    const href = await youth.getByRole('main').locator('article h2 a').first().getAttribute('href')
    const response = await youth.request.get(`${href}/download`)
    expect(response.status()).toBe(200)
    const body = await response.text()
    // The witnessed teamwork badge is the one kept as JSON (the digital one is a JWT).
    const document = JSON.parse(body.trim().startsWith('{') ? body : '{}') as { credentialSubject?: { achievement?: { name?: string } } }
    if (!document.credentialSubject?.achievement) throw new Error('the first badge of the wallet is not a JSON credential')
    document.credentialSubject.achievement.name = 'Diriger une équipe de cinquante personnes'

    await recruiter.setViewportSize({ width: WIDTHS.phone, height: 800 })
    await recruiter.goto('/verify')
    await recruiter.getByLabel(t('verify.form.input.label'), { exact: true }).fill(JSON.stringify(document))
    await recruiter.getByRole('main').getByRole('button', { name: t('verify.form.submit'), exact: true }).click()
    await recruiter.getByRole('heading', { name: t('verify.result.title'), exact: true }).waitFor()
    const card = recruiter.getByRole('main').locator('article[data-card-verdict]')
    await card.first().waitFor()
    expect(await card.getAttribute('data-card-verdict')).toBe('notValid')
    expect(await card.locator('.pill--passed').count()).toBe(0)
    expect(await card.locator('[data-evidence-proven="true"]').count()).toBe(0)
    await card.getByText(t('portfolio.verdict.problems.tampered'), { exact: true }).waitFor()
    expect(await card.innerText()).not.toContain(t('common.evidence.witnessed.definition'))
    await axeCheck(recruiter, 'verify, tampered')
    await checkScreen(recruiter, shot('verify-tampered'))
  })
})
