import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect } from 'vitest'
import { launchBrowser, openPages, WIDTHS, type Locale } from './support/browser'
import { findLinkOnPage } from './support/links'
import { escapeRegExp, translator } from './support/messages'
import { decodeQrFromElement } from './support/qr'
import { checkScreen } from './support/screens'
import { signIn, switchLanguage } from './support/session'
import { journeySteps } from './support/steps'

// The journey of issue 3, in French and in English: a counsellor creates a young person's wallet
// and issues a badge; the young person activates the account on a 360 px phone, sees the badge and
// shares it; a recruiter scans the QR code and sees it verified; once revoked, the link says so.
// Every screen passes axe (no serious or critical violation) and is photographed at 360 and 1280 px.

const ISSUER_NAME = 'Mission Locale Roubaix-Tourcoing' // the demo counsellor's organisation

const CASES: Record<Locale, { youngPerson: string; skill: string; criteria: string; about: string; shareLabel: string; password: string }> = {
  fr: {
    youngPerson: 'Inès Moreau',
    skill: 'Accueillir les clients à l’épicerie solidaire',
    criteria: 'Pendant trois mois, Inès a accueilli les clients deux matinées par semaine, expliqué le fonctionnement de l’épicerie et orienté chacun vers le bon rayon.',
    about: 'J’aime le contact avec les gens et je cherche un emploi dans la vente.',
    shareLabel: 'Entretien supermarché',
    password: 'une-phrase-facile-a-retenir',
  },
  en: {
    youngPerson: 'Noah Bernard',
    skill: 'Welcoming customers at the community grocery',
    criteria: 'For three months, Noah welcomed customers two mornings a week, explained how the grocery works and showed everyone to the right aisle.',
    about: 'I like meeting people and I am looking for a job in retail.',
    shareLabel: 'Supermarket interview',
    password: 'an-easy-phrase-to-remember',
  },
}

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

describe.each(['fr', 'en'] as const)('the journey in %s', (locale) => {
  const t = translator(locale)
  const c = CASES[locale]
  const firstName = c.youngPerson.split(' ')[0]!
  const step = journeySteps()
  const shot = (name: string) => `journey-${locale}-${name}`
  const pages = openPages(() => browser)
  let counsellor: Page
  let youth: Page
  let recruiter: Page
  let activationUrl = ''
  let shareUrl = ''
  let decodedUrl = ''

  afterAll(() => pages.closeAll())


  step('a counsellor signs in and lands on the issuer home page', async () => {
    counsellor = await pages.page({ locale, width: WIDTHS.desktop })
    await signIn(counsellor, 'claire')
    await switchLanguage(counsellor, locale)
    expect(new URL(counsellor.url()).pathname).toBe('/issuer')
    await checkScreen(counsellor, shot('01-issuer-home'))
  })

  step('the counsellor creates the young person’s wallet and gets a one-time activation link and QR code', async () => {
    await counsellor.goto('/issuer/young-people/new')
    await checkScreen(counsellor, shot('02-new-young-person'))
    await counsellor.getByLabel(t('onboarding.youngPeople.new.displayName')).fill(c.youngPerson)
    await counsellor.getByRole('button', { name: t('onboarding.youngPeople.new.submit'), exact: true }).click()
    await counsellor.getByRole('heading', { name: t('onboarding.handover.activationTitle', { name: c.youngPerson }) }).waitFor()

    activationUrl = await findLinkOnPage(counsellor, '/activate/')
    expect(activationUrl).toMatch(/\/activate\/[\w-]{20,}$/)
    const fromQr = await decodeQrFromElement(counsellor, counsellor.getByRole('img', { name: t('onboarding.handover.qrLabel') }))
    expect(fromQr).toBe(activationUrl)
    await checkScreen(counsellor, shot('03-activation-handover'))
  })

  step('the counsellor issues a skill badge to that young person, after a preview', async () => {
    // The hand-over screen links to the issuing form with this young person chosen.
    await counsellor.getByRole('link', { name: t('onboarding.handover.issueTo', { name: firstName }) }).click()
    await counsellor.waitForURL((url) => url.pathname === '/issuer/issue')
    await counsellor.getByRole('combobox', { name: t('issuer.issue.fields.skill') }).fill(c.skill)
    await counsellor.keyboard.press('Escape')
    await counsellor.getByRole('radio', { name: t('issuer.levels.practising.label') }).check()
    await counsellor.getByRole('radio', { name: t('issuer.issue.fields.evidenceLevelAssessed') }).check()
    await counsellor.getByRole('textbox', { name: t('issuer.issue.fields.criteria'), exact: true }).fill(c.criteria)
    await checkScreen(counsellor, shot('04-issue-form'))

    await counsellor.getByRole('button', { name: t('issuer.issue.previewButton'), exact: true }).click()
    await counsellor.getByRole('heading', { name: c.skill }).first().waitFor()
    // The preview is not signed yet, and says so: never "valid" before anything is signed.
    const preview = counsellor.getByRole('main').locator('article[data-card-verdict="preview"]')
    await preview.getByText(t('portfolio.verdict.preview'), { exact: true }).waitFor()
    expect(await preview.locator('.pill--passed').count()).toBe(0)
    await checkScreen(counsellor, shot('05-issue-preview'))

    await counsellor.getByRole('button', { name: t('issuer.issue.preview.sign'), exact: true }).click()
    await counsellor.waitForURL((url) => url.pathname === '/issuer/issued')
    await expect.poll(() => counsellor.getByText(c.skill).count()).toBeGreaterThan(0)
    await checkScreen(counsellor, shot('06-issued-list'))
  })

  step('the young person opens the activation link on a phone, switches language, and chooses a password', async () => {
    // A French phone: in the English journey the young person switches with the header's buttons.
    youth = await pages.page({ locale: 'fr', width: WIDTHS.phone })
    await youth.goto(activationUrl)
    await switchLanguage(youth, locale)
    await checkScreen(youth, shot('07-activate'))
    await youth.getByLabel(t('onboarding.activate.password'), { exact: true }).fill(c.password)
    await youth.getByLabel(t('onboarding.activate.confirm'), { exact: true }).fill(c.password)
    await youth.getByRole('button', { name: t('onboarding.activate.submit'), exact: true }).click()
    await youth.waitForURL((url) => url.pathname === '/wallet')
  })

  step('the young person sees the badge in the wallet', async () => {
    await expect.poll(() => youth.locator('html').getAttribute('lang')).toBe(locale)
    await youth.getByRole('heading', { name: c.skill }).waitFor()
    await expect.poll(() => youth.getByRole('main').getByText(ISSUER_NAME).count()).toBeGreaterThan(0)
    await checkScreen(youth, shot('08-wallet'))
  })

  step('the young person creates a share and gets a link and a QR code', async () => {
    await youth.goto('/wallet/shares/new')
    await youth.getByRole('checkbox', { name: new RegExp(escapeRegExp(c.skill)) }).check()
    await youth.getByLabel(t('shares.form.about.label')).fill(c.about)
    await youth.getByLabel(t('shares.form.label.label'), { exact: true }).fill(c.shareLabel)
    await checkScreen(youth, shot('09-share-form'))
    await youth.getByRole('button', { name: t('shares.form.submit'), exact: true }).click()
    await youth.getByRole('heading', { name: t('shares.created.title') }).waitFor()
    shareUrl = await findLinkOnPage(youth, '/p/')
    expect(shareUrl).toMatch(/\/p\/[\w-]{22,}$/)
    await checkScreen(youth, shot('10-share-created'))
  })

  step('the QR code, read with jsQR from a screenshot, carries the share link', async () => {
    decodedUrl = await decodeQrFromElement(youth, youth.getByRole('img', { name: t('shares.created.qrAlt') }))
    expect(decodedUrl).toBe(shareUrl)
  })

  step('a recruiter opening the decoded URL sees every credential verified and who vouches for it', async () => {
    recruiter = await pages.page({ locale, width: WIDTHS.phone })
    const response = await recruiter.goto(decodedUrl)
    expect(response?.status()).toBe(200)
    expect(response?.headers()['referrer-policy']).toBe('no-referrer')
    const main = recruiter.getByRole('main')
    await expect.poll(() => main.getByRole('heading', { level: 1 }).textContent()).toContain(firstName)
    await main.getByText(c.about).waitFor()
    await main.getByRole('heading', { name: c.skill }).first().waitFor()
    // One verdict in words, and the badge's own mark (issue 12).
    await main.locator('[data-portfolio-verdict="all"]').getByText(t('portfolio.view.verdict.title', { proven: 1, shown: 1 }), { exact: true }).waitFor()
    expect(await main.locator('article[data-card-verdict="valid"]').count()).toBe(1)
    expect(await main.getByText(t('portfolio.verdict.notValid.failed'), { exact: true }).count()).toBe(0)
    expect(await main.getByText(t('portfolio.view.unknownIssuer'), { exact: true }).count()).toBe(0)
    expect(await main.getByText(ISSUER_NAME).count()).toBeGreaterThan(0)
    await checkScreen(recruiter, shot('11-recruiter-view'))
  })

  step('the young person sees the share in the list and revokes it', async () => {
    await youth.goto('/wallet/shares')
    await youth.getByText(c.shareLabel).first().waitFor()
    await checkScreen(youth, shot('12-shares-list'))
    await youth.getByRole('button', { name: new RegExp(`^${escapeRegExp(t('shares.revoke.button'))}`) }).first().click()
    const confirm = youth.getByRole('button', { name: t('shares.revoke.confirm'), exact: true })
    await confirm.click()
    await confirm.waitFor({ state: 'detached' })
  })

  step('the same URL now says it is no longer shared, and shows nothing else', async () => {
    await recruiter.goto(decodedUrl)
    const main = recruiter.getByRole('main')
    await main.getByRole('heading', { name: t('portfolio.view.revoked.title') }).waitFor()
    expect(await main.getByText(c.skill).count()).toBe(0)
    expect(await main.getByText(firstName).count()).toBe(0)
    await checkScreen(recruiter, shot('13-share-revoked'))
  })
})
