import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createForeignIssuer } from '../integration/wallet/foreign-issuer'
import { launchBrowser, newContext, openPages, WIDTHS, type Locale } from './support/browser'
import { findLinkOnPage } from './support/links'
import { escapeRegExp, translator } from './support/messages'
import { checkScreen } from './support/screens'
import { signIn, switchLanguage } from './support/session'
import { journeySteps } from './support/steps'

// Issue 4, part 6, in French and in English: a young person (the demo's Samira) on a 360 px phone
// adds a badge received elsewhere — signed by a did:key no Tremplin knows, issued to her identifier
// in another wallet — sees the per-credential report, finds the card labelled imported, shares it;
// the recruiter view says the badge was issued to another identifier. Every screen passes axe and
// is photographed at 360 and 1280 px (decision 011).

/** The young person's identifier in the other wallet the badge came from. */
const ELSEWHERE_DID = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK'
const SKILL: Record<Locale, string> = {
  fr: 'Tenir le stand d’accueil d’un festival',
  en: 'Running a festival’s welcome desk',
}

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

describe.each(['fr', 'en'] as const)('importing a credential in %s', (locale) => {
  const t = translator(locale)
  const step = journeySteps()
  const shot = (name: string) => `import-${locale}-${name}`
  const skill = `${SKILL[locale]} (${Date.now().toString(36)})`
  const pages = openPages(() => browser)
  let youth: Page
  let credentialJson = ''
  let shareUrl = ''

  afterAll(() => pages.closeAll())


  step('another issuer, unknown to Tremplin, signs a badge for the young person’s other identifier', async () => {
    const issuer = await createForeignIssuer()
    credentialJson = JSON.stringify(await issuer.issueDi({ name: skill, subjectDid: ELSEWHERE_DID }), null, 2)
    expect(credentialJson).toContain('"proof"')
  })

  step('the young person opens “Add a credential from elsewhere” from the wallet', async () => {
    youth = await pages.page({ locale, width: WIDTHS.phone })
    await signIn(youth, 'samira')
    await switchLanguage(youth, locale)
    await youth.goto('/wallet')
    await youth.getByRole('link', { name: t('wallet.actions.import'), exact: true }).click()
    await youth.waitForURL((url) => url.pathname === '/wallet/import')
    await youth.getByRole('heading', { level: 1, name: t('wallet.import.title') }).waitFor()
    await checkScreen(youth, shot('01-form'))
  })

  step('what is not a credential is refused, and the pasted text stays', async () => {
    const input = youth.getByLabel(t('wallet.import.form.input.label'))
    await input.fill('pas une attestation')
    await youth.getByRole('button', { name: t('wallet.import.form.submit'), exact: true }).click()
    await youth.getByRole('alert').filter({ hasText: t('wallet.import.errors.notReadable') }).waitFor()
    expect(await input.inputValue()).toBe('pas une attestation')
    await checkScreen(youth, shot('02-error'))
  })

  step('pasting the badge adds it, and the report says what to know', async () => {
    await youth.getByLabel(t('wallet.import.form.input.label')).fill(credentialJson)
    await youth.getByRole('button', { name: t('wallet.import.form.submit'), exact: true }).click()
    const report = youth.getByRole('region', { name: t('wallet.import.report.title') })
    await report.getByRole('heading', { name: skill }).waitFor()
    await report.getByText(t('wallet.import.report.outcome.addedWithWarnings'), { exact: true }).waitFor()
    await report.getByText(t('wallet.import.report.warnings.otherIdentifier', { subject: ELSEWHERE_DID })).waitFor()
    await report.getByText(t('wallet.import.report.warnings.unknownIssuer')).waitFor()
    await checkScreen(youth, shot('03-report'))
  })

  step('its page labels it imported, names both identifiers, and verifies it again now', async () => {
    await youth.getByRole('link', { name: new RegExp(`^${escapeRegExp(t('wallet.import.report.see'))}`) }).click()
    await youth.waitForURL((url) => /^\/wallet\/[0-9a-f-]{36}$/.test(url.pathname))
    const main = youth.getByRole('main')
    await main.getByRole('heading', { level: 1, name: skill }).waitFor()
    await main.getByText(t('portfolio.card.imported.label'), { exact: true }).waitFor()
    await main.getByText(t('portfolio.card.otherIdentifier.title'), { exact: true }).waitFor()
    // It offers to prove that the other identifier is theirs (decision 021).
    await main.getByRole('link', { name: t('wallet.actions.link'), exact: true }).waitFor()
    // The checks made now sit in one "technical details" disclosure, folded (issue 12).
    const details = main.getByTestId('technical-details')
    await details.locator('summary', { hasText: t('portfolio.technicalDetails') }).click()
    await details.locator('[data-check="holder"][data-status="unchecked"]').first().waitFor()
    await checkScreen(youth, shot('04-detail'))
  })

  step('the wallet lists it with the others, labelled imported', async () => {
    await youth.goto('/wallet')
    const card = youth.getByRole('article').filter({ has: youth.getByRole('heading', { name: skill }) })
    await card.getByText(t('portfolio.card.imported.label'), { exact: true }).waitFor()
    expect(await youth.getByRole('list', { name: t('wallet.listLabel') }).getByRole('article').count()).toBeGreaterThan(1)
    await checkScreen(youth, shot('05-wallet'))
  })

  step('the young person shares it like any other badge', async () => {
    await youth.goto('/wallet/shares/new')
    await youth.getByRole('checkbox', { name: new RegExp(escapeRegExp(skill)) }).check()
    // With one of the badges issued on Tremplin: the rest of the portfolio must be unaffected.
    const boxes = youth.getByRole('checkbox')
    for (let i = 0; i < await boxes.count(); i++) {
      if (!(await boxes.nth(i).isChecked())) {
        await boxes.nth(i).check()
        break
      }
    }
    await youth.getByLabel(t('shares.form.label.label'), { exact: true }).fill('Festival')
    await youth.getByRole('button', { name: t('shares.form.submit'), exact: true }).click()
    await youth.getByRole('heading', { name: t('shares.created.title') }).waitFor()
    shareUrl = await findLinkOnPage(youth, '/p/')
  })

  step('the recruiter view shows it genuine but apart: issued to another identifier, cannot be confirmed as theirs', async () => {
    const recruiter = await pages.page({ locale, width: WIDTHS.phone })
    expect((await recruiter.goto(shareUrl))?.status()).toBe(200)
    const main = recruiter.getByRole('main')
    // Outside the signed presentation (decision 021): its card says it cannot be confirmed as theirs, and why.
    const card = main.getByRole('article').filter({ has: recruiter.getByRole('heading', { name: skill }) })
    await card.getByText(t('portfolio.card.otherIdentifier.unconfirmedTitle'), { exact: true }).waitFor()
    await card.getByText(ELSEWHERE_DID, { exact: false }).first().waitFor()
    await card.getByText(t('portfolio.verdict.problems.notConfirmedTheirs'), { exact: true }).waitFor()
    expect(await card.getAttribute('data-card-verdict')).toBe('notValid')
    // The one verdict counts it apart from the proven one: 1 of 2.
    await main.locator('[data-portfolio-verdict]').getByText(t('portfolio.view.verdict.title', { proven: 1, shown: 2 }), { exact: true }).waitFor()
    // The rest of the portfolio is unaffected: the other badge is verified; nothing reads "not verified".
    expect(await main.locator('article[data-card-verdict="valid"]').count()).toBe(1)
    // (on the cards: the folded technical details hold each report's own headline, which may say so)
    expect(await main.locator('[data-card-verdict]').getByText(t('portfolio.verdict.notValid.failed'), { exact: true }).count()).toBe(0)
    await checkScreen(recruiter, shot('06-recruiter-view'))
  })
})

describe('who may open the import page', () => {
  test('a recruiter gets the 403 page, a visitor the sign-in page', async () => {
    const recruiter = await newContext(browser, { locale: 'en' })
    try {
      const page = await recruiter.newPage()
      await signIn(page, 'julie')
      const response = await page.goto('/wallet/import')
      expect(response?.status()).toBe(403)
      expect(await page.getByLabel(translator('en')('wallet.import.form.input.label')).count()).toBe(0)
    } finally {
      await recruiter.close()
    }
    const visitor = await newContext(browser, { locale: 'en' })
    try {
      const page = await visitor.newPage()
      await page.goto('/wallet/import')
      await page.waitForURL((url) => url.pathname === '/sign-in')
    } finally {
      await visitor.close()
    }
  })
})
