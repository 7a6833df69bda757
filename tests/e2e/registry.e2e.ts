import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Browser, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect } from 'vitest'
import { launchBrowser, openPages, WIDTHS, type Locale } from './support/browser'
import { findLinkOnPage } from './support/links'
import { escapeRegExp, translator } from './support/messages'
import { checkScreen } from './support/screens'
import { signIn, switchLanguage } from './support/session'
import { journeySteps } from './support/steps'

// The registry of trusted issuers (issue 4, part 4), in the browser:
// 1. an organisation registers itself; its person sees "waiting for approval" and no issuing form;
//    the admin approves it (and sees who and when); the person issues; the badge shows
//    "Verified by Tremplin" on /verify; suspended, the same badge shows a clear failure.
// 2. a credential of another issuer (../shared/fixtures) shows "unknown issuer" on /verify until
//    the admin loads a registry file naming its DID; then it shows "In registry …".
// Every main screen passes axe and is photographed at 360 and 1280 px.

const ADMIN_NAME = 'Administrateur Tremplin' // the demo admin's display name
/** A tag per run, so that the test can run again on the same server (slugs and usernames are unique). */
const RUN = Math.random().toString(36).slice(2, 6)

let browser: Browser
// Signing and verifying on a busy machine (or a `next dev` compiling a route) can take a while.
const pages = openPages(() => browser, { timeoutMs: 60_000 })
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await pages.closeAll()
  await browser?.close()
})

const pageFor = pages.page
const startsWith = (s: string) => new RegExp(`^${escapeRegExp(s)}`)

/** Pastes a document into /verify and waits for the result; returns the credential card of the result. */
async function verifyOnPage(page: Page, t: ReturnType<typeof translator>, document: string): Promise<Locator> {
  await page.goto('/verify')
  await page.getByLabel(t('verify.form.input.label'), { exact: true }).fill(document)
  await page.getByRole('main').getByRole('button', { name: t('verify.form.submit'), exact: true }).click()
  await page.getByRole('heading', { name: t('verify.result.title'), exact: true }).waitFor()
  return page.getByRole('main').locator('[data-issuer-standing]').first()
}

describe('an organisation registers, waits for approval, is approved, and issues', () => {
  const locale: Locale = 'fr'
  const t = translator(locale)
  const step = journeySteps()
  const shot = (name: string) => `registry-${locale}-${name}`
  const orgName = `Atelier Vélo Solidaire ${RUN.toUpperCase()}`
  const slug = `atelier-velo-solidaire-${RUN}`
  const username = `lea-${RUN}`
  const password = 'une-phrase-facile-a-retenir'
  const youngPerson = `Yanis ${RUN.toUpperCase()}`
  const skill = 'Réparer un vélo de A à Z'
  let person: Page
  let admin: Page
  let youth: Page
  let badge = ''

  step('the landing page leads to the registration page; the slug follows the name', async () => {
    person = await pageFor({ locale, width: WIDTHS.phone })
    await person.goto('/')
    await person.getByRole('main').getByRole('link', { name: t('landing.audiences.items.issuers.action'), exact: true }).click()
    await person.waitForURL((url) => url.pathname === '/register')
    await person.getByRole('heading', { level: 1, name: t('auth.register.title') }).waitFor()
    await checkScreen(person, shot('01-register'))

    await person.getByLabel(t('auth.register.organisationName'), { exact: true }).fill(orgName)
    await expect.poll(() => person.getByLabel(t('auth.register.slug'), { exact: true }).inputValue()).toBe(slug)
    await person.getByRole('radio', { name: startsWith(t('auth.register.kinds.youth_support.label')) }).check()
    await person.getByLabel(startsWith(t('auth.register.region'))).fill('Hauts-de-France')
    await person.getByLabel(t('auth.register.displayName'), { exact: true }).fill('Léa Martin')
    await person.getByLabel(t('auth.register.username'), { exact: true }).fill(username)
    await person.getByLabel(t('auth.register.email'), { exact: true }).fill(`${username}@velo.example`)
    await person.getByLabel(t('auth.register.password'), { exact: true }).fill(password)
    await person.getByLabel(t('auth.register.confirm'), { exact: true }).fill(password)
    await person.getByRole('button', { name: t('auth.register.submit'), exact: true }).click()
    await person.waitForURL((url) => url.pathname === '/issuer')
  })

  step('the person lands on the issuer space with the "waiting for approval" banner, and cannot issue', async () => {
    const main = person.getByRole('main')
    await main.getByRole('heading', { name: t('issuer.registry.pending.title') }).waitFor()
    await main.getByText(t('issuer.home.tasks.issue.notYet')).waitFor()
    expect(await main.getByRole('link', { name: t('issuer.home.tasks.issue.action'), exact: true }).count()).toBe(0)
    await checkScreen(person, shot('02-issuer-pending'))

    await person.goto('/issuer/issue')
    await main.getByRole('heading', { name: t('issuer.registry.pending.title') }).waitFor()
    expect(await main.getByRole('combobox', { name: t('issuer.issue.fields.skill') }).count(), 'no issuing form while pending').toBe(0)
    expect(await main.getByRole('button', { name: t('issuer.issue.previewButton') }).count()).toBe(0)
    await checkScreen(person, shot('03-issue-pending'))
  })

  step('the admin sees it first, waiting for approval, and approves it: who and when are shown', async () => {
    admin = await pageFor({ locale, width: WIDTHS.desktop })
    await signIn(admin, 'admin')
    await switchLanguage(admin, locale)
    await admin.goto('/admin')
    const pending = admin.locator('[data-group="pending"]')
    const card = pending.locator(`#org-${slug}`)
    await card.waitFor()
    await expect.poll(() => card.getAttribute('data-org-status')).toBe('pending')
    await checkScreen(admin, shot('04-admin-pending'))

    await card.getByRole('button', { name: startsWith(t('admin.registry.decision.approve')) }).click()
    await admin.getByRole('status').filter({ hasText: t('admin.notices.approved', { name: orgName }) }).waitFor()
    const approved = admin.locator('[data-group="approved"]').locator(`#org-${slug}`)
    await approved.waitFor()
    await expect.poll(() => approved.innerText()).toContain(ADMIN_NAME)
    await approved.getByText(t('admin.registry.approvedSince')).waitFor()
    await approved.locator('summary').click()
    await approved.getByText(t('admin.registry.events.approved', { who: ADMIN_NAME })).waitFor()
    await approved.getByText(t('admin.registry.events.registered', { who: 'Léa Martin' })).waitFor()
    await checkScreen(admin, shot('05-admin-approved'))
  })

  step('the person can now issue: a young person’s wallet, then a badge', async () => {
    await person.goto('/issuer')
    expect(await person.getByRole('heading', { name: t('issuer.registry.pending.title') }).count()).toBe(0)
    await person.goto('/issuer/young-people/new')
    await person.getByLabel(t('onboarding.youngPeople.new.displayName')).fill(youngPerson)
    await person.getByRole('button', { name: t('onboarding.youngPeople.new.submit'), exact: true }).click()
    await person.getByRole('heading', { name: t('onboarding.handover.activationTitle', { name: youngPerson }) }).waitFor()
    const activationUrl = await findLinkOnPage(person, '/activate/')
    await person.getByRole('link', { name: t('onboarding.handover.issueTo', { name: youngPerson.split(' ')[0]! }) }).click()
    await person.waitForURL((url) => url.pathname === '/issuer/issue')
    await person.getByRole('combobox', { name: t('issuer.issue.fields.skill') }).fill(skill)
    await person.keyboard.press('Escape')
    await person.getByRole('radio', { name: t('issuer.levels.autonomous.label') }).check()
    await person.getByRole('radio', { name: t('issuer.issue.fields.evidenceLevelWitnessed') }).check()
    await person.getByRole('textbox', { name: t('issuer.issue.fields.criteria'), exact: true }).fill('Pendant deux mois, a démonté, réparé et remonté seul des vélos donnés à l’atelier, freins et dérailleurs compris.')
    await person.getByRole('button', { name: t('issuer.issue.previewButton'), exact: true }).click()
    await person.getByRole('button', { name: t('issuer.issue.preview.sign'), exact: true }).click()
    await person.waitForURL((url) => url.pathname === '/issuer/issued')
    await expect.poll(() => person.getByText(skill).count()).toBeGreaterThan(0)

    // The young person activates the wallet and downloads the signed badge, to have it checked.
    youth = await pageFor({ locale, width: WIDTHS.phone })
    await youth.goto(activationUrl)
    await youth.getByLabel(t('onboarding.activate.password'), { exact: true }).fill(password)
    await youth.getByLabel(t('onboarding.activate.confirm'), { exact: true }).fill(password)
    await youth.getByRole('button', { name: t('onboarding.activate.submit'), exact: true }).click()
    await youth.waitForURL((url) => url.pathname === '/wallet')
    await youth.getByRole('link', { name: skill, exact: true }).click()
    await youth.waitForURL((url) => url.pathname.startsWith('/wallet/'))
    const href = await youth.getByRole('main').locator('a[download]').first().getAttribute('href')
    const response = await youth.request.get(href!)
    expect(response.status()).toBe(200)
    badge = await response.text()
    expect(badge).toContain(skill)
  }, 180_000)

  step('on /verify, its badge says "Verified by Tremplin" with the organisation’s name, kind, region and since when', async () => {
    const verifier = await pageFor({ locale, width: WIDTHS.phone })
    const standing = await verifyOnPage(verifier, t, badge)
    expect(await standing.getAttribute('data-issuer-standing')).toBe('platform')
    const text = await standing.innerText()
    expect(text).toContain(t('portfolio.card.standing.platform.title'))
    expect(text).toContain(orgName)
    expect(text).toContain(t('portfolio.card.standing.kinds.youth_support'))
    expect(text).toContain('Hauts-de-France')
    await verifier.getByText(t('portfolio.report.headline.verified'), { exact: true }).first().waitFor()
    await checkScreen(verifier, shot('06-verify-known'))
  })

  step('the admin suspends it (a reason is required, confirmed in place): the same badge now fails, plainly', async () => {
    await admin.goto('/admin')
    const card = admin.locator('[data-group="approved"]').locator(`#org-${slug}`)
    await card.getByRole('button', { name: startsWith(t('admin.registry.decision.suspend')) }).click()
    const confirm = card.getByRole('group', { name: t('admin.registry.decision.suspendQuestion', { name: orgName }) })
    await confirm.waitFor()
    await confirm.getByRole('button', { name: t('admin.registry.decision.suspendConfirm'), exact: true }).click()
    await confirm.getByText(t('admin.registry.decision.errors.reasonRequired')).waitFor()
    await checkScreen(admin, shot('07-admin-suspend-confirm'))
    await confirm.getByLabel(t('admin.registry.decision.reasonLabel'), { exact: true }).fill('Badges délivrés sans observation réelle')
    await confirm.getByRole('button', { name: t('admin.registry.decision.suspendConfirm'), exact: true }).click()
    await admin.getByRole('status').filter({ hasText: t('admin.notices.suspended', { name: orgName }) }).waitFor()
    const suspended = admin.locator('[data-group="suspended"]').locator(`#org-${slug}`)
    await expect.poll(() => suspended.innerText()).toContain('Badges délivrés sans observation réelle')

    const verifier = await pageFor({ locale, width: WIDTHS.phone })
    const standing = await verifyOnPage(verifier, t, badge)
    expect(await standing.getAttribute('data-issuer-standing')).toBe('suspended')
    expect(await standing.innerText()).toContain(t('portfolio.card.standing.suspended.title'))
    await verifier.getByText(t('portfolio.report.headline.notVerified'), { exact: true }).first().waitFor()
    expect(await verifier.locator('[data-check="issuer"][data-status="failed"]').count()).toBe(1)
    await checkScreen(verifier, shot('08-verify-suspended'))

    // The person sees why, and cannot issue.
    await person.goto('/issuer')
    await person.getByRole('heading', { name: t('issuer.registry.suspended.title') }).waitFor()
    await person.getByText('Badges délivrés sans observation réelle', { exact: false }).waitFor()

    // Reinstated, it passes again.
    await admin.locator('[data-group="suspended"]').locator(`#org-${slug}`).getByRole('button', { name: startsWith(t('admin.registry.decision.reinstate')) }).click()
    await admin.getByRole('status').filter({ hasText: t('admin.notices.reinstated', { name: orgName }) }).waitFor()
    expect(await (await verifyOnPage(verifier, t, badge)).getAttribute('data-issuer-standing')).toBe('platform')
  })
})

// A credential of another issuer (the DCC's public test issuer), verified by its did:key.
const FIXTURES = resolve(import.meta.dirname, '../../../shared/fixtures')
const EXTERNAL = 'dcc-vc-test-fixtures/verifiableCredentials/v2/dataIntegrityProof/didKey/legacyRegistry-noStatus-noExpiry-basicOBv3.json'
const hasFixtures = existsSync(resolve(FIXTURES, EXTERNAL))
if (!hasFixtures) console.warn(`e2e: ../shared/fixtures is absent (${FIXTURES}): the external-registry test is skipped`)

describe.skipIf(!hasFixtures)('a credential from an issuer elsewhere: unknown, then known through an external registry', () => {
  const locale: Locale = 'en'
  const t = translator(locale)
  const step = journeySteps()
  const shot = (name: string) => `registry-${locale}-${name}`
  const registryName = `DCC Sandbox Registry ${RUN.toUpperCase()}`
  let document = ''
  let issuerDid = ''
  let verifier: Page
  let admin: Page

  step('/verify: a valid signature, but an unknown issuer — a clear warning, not a failure', async () => {
    document = readFileSync(resolve(FIXTURES, EXTERNAL), 'utf8')
    const issuer = (JSON.parse(document) as { issuer: { id: string } | string }).issuer
    issuerDid = typeof issuer === 'string' ? issuer : issuer.id
    verifier = await pageFor({ locale, width: WIDTHS.phone })
    await verifier.goto('/verify')
    await switchLanguage(verifier, locale)
    const standing = await verifyOnPage(verifier, t, document)
    expect(await standing.getAttribute('data-issuer-standing')).toBe('unknown')
    expect(await standing.innerText()).toContain(t('portfolio.card.standing.unknown.title'))
    await verifier.getByText(t('portfolio.report.headline.verified'), { exact: true }).first().waitFor()
    expect(await verifier.locator('[data-check="issuer"][data-status="unchecked"]').count()).toBe(1)
    await checkScreen(verifier, shot('09-verify-unknown'))
  })

  step('the admin loads a registry file (DCC format) naming that DID', async () => {
    admin = await pageFor({ locale, width: WIDTHS.desktop })
    await signIn(admin, 'admin')
    await switchLanguage(admin, locale)
    await admin.goto('/admin#registries')
    // A bad file first: refused with the problem, nothing loaded.
    await admin.getByLabel(t('admin.registries.file'), { exact: true }).setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"registry":{"not-a-did":{"name":"X"}}}') })
    await admin.getByRole('button', { name: t('admin.registries.load'), exact: true }).click()
    await admin.getByRole('alert').filter({ hasText: t('admin.registries.errors.invalidDid') }).waitFor()

    const file = JSON.stringify({ meta: { created: '2022-10-27T17:57:31+00:00' }, registry: { [issuerDid]: { name: 'Public Test Issuer', location: 'Everywhere', url: 'https://dcconsortium.org' } } })
    await admin.getByLabel(t('admin.registries.file'), { exact: true }).setInputFiles({ name: 'registry.json', mimeType: 'application/json', buffer: Buffer.from(file) })
    await admin.getByLabel(t('admin.registries.name'), { exact: true }).fill(registryName)
    await admin.getByRole('button', { name: t('admin.registries.load'), exact: true }).click()
    await admin.getByRole('status').filter({ hasText: t('admin.notices.loaded', { name: registryName, count: 1 }) }).waitFor()
    await admin.locator('#registries').getByRole('heading', { name: registryName }).waitFor()
    await checkScreen(admin, shot('10-admin-registry-loaded'))
  })

  step('/verify: the same credential now shows "In registry …", with the registry’s name', async () => {
    const standing = await verifyOnPage(verifier, t, document)
    expect(await standing.getAttribute('data-issuer-standing')).toBe('external')
    const text = await standing.innerText()
    expect(text).toContain(t('portfolio.card.standing.external.title', { registry: registryName }))
    expect(text).toContain('Public Test Issuer')
    expect(await verifier.locator('[data-check="issuer"][data-status="passed"]').count()).toBe(1)
    await checkScreen(verifier, shot('11-verify-external'))
  })

  step('the admin removes the registry (confirmed in place): the issuer is unknown again', async () => {
    await admin.goto('/admin#registries')
    const registries = admin.locator('#registries')
    await registries.getByRole('button', { name: startsWith(t('admin.registries.remove')) }).filter({ hasText: registryName }).click()
    await registries.getByRole('button', { name: t('admin.registries.removeConfirm'), exact: true }).click()
    await admin.getByRole('status').filter({ hasText: t('admin.notices.removed', { name: registryName }) }).waitFor()
    expect(await (await verifyOnPage(verifier, t, document)).getAttribute('data-issuer-standing')).toBe('unknown')
  })
})
