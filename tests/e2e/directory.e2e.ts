import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect } from 'vitest'
import { launchBrowser, openPages, WIDTHS, type Locale } from './support/browser'
import { findLinkOnPage } from './support/links'
import { escapeRegExp, translator } from './support/messages'
import { checkScreen } from './support/screens'
import { signIn, switchLanguage } from './support/session'
import { journeySteps } from './support/steps'
import { followNav } from './support/nav'

// Issue 5, the directory and contacts, in French and in English. A counsellor creates a young
// person's wallet and issues her a badge aligned to an ESCO skill; she joins the recruiters'
// directory. Julie, a recruiter, searches the directory by that skill and finds her BLIND profile
// (no name, username or e-mail anywhere in the HTML), asks to contact her — still blind in her
// contacts list; the young person accepts on her phone; Julie now sees her name; one message each
// way, each seen by the other. Every screen of the contacts passes axe at 360 px and on a desktop.

const RUN = Date.now().toString(36)
const CASES: Record<Locale, { name: string; username: string; email: string; password: string; skill: { query: string; label: string }; request: string; reply: string; answer: string }> = {
  fr: {
    name: `Inès Annuaire${RUN}`, username: `ines-${RUN}`, email: `ines.${RUN}@example.org`, password: 'mon-annuaire-a-moi-fr',
    skill: { query: 'travailler en', label: 'travailler en équipe' },
    request: 'Bonjour, nous cherchons une vendeuse en boulangerie pour des week-ends. Votre travail en équipe nous intéresse.',
    reply: 'Bonjour, oui je suis intéressée ! Je suis libre le samedi.',
    answer: 'Parfait : pouvez-vous passer samedi à 9 h à la boutique ?',
  },
  en: {
    name: `Ivy Directory${RUN}`, username: `ivy-${RUN}`, email: `ivy.${RUN}@example.org`, password: 'my-own-directory-en',
    skill: { query: 'work in te', label: 'work in teams' },
    request: 'Hello, we are looking for a weekend shop assistant at our bakery. Your teamwork caught our eye.',
    reply: 'Hello, yes I am interested! I am free on Saturdays.',
    answer: 'Great: could you come to the shop on Saturday at 9?',
  },
}

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

describe.each(['fr', 'en'] as const)('the directory and contacts in %s', (locale) => {
  const t = translator(locale)
  const c = CASES[locale]
  const step = journeySteps()
  const shot = (name: string) => `directory-${locale}-${name}`
  const pages = openPages(() => browser, { timeoutMs: 60_000 })
  let counsellor: Page
  let youth: Page
  let julie: Page
  let activationUrl = ''
  let handle = ''

  afterAll(() => pages.closeAll())

  /** The page's whole HTML (RSC payload included) names the young person nowhere (her name carries this run's id). */
  async function expectBlind(page: Page, where: string) {
    const html = await page.content()
    for (const id of [c.name, c.username, c.email]) expect(html, `${where} leaks "${id}"`).not.toContain(id)
  }

  step('a counsellor creates the young person’s wallet and issues her a badge aligned to an ESCO skill', async () => {
    counsellor = await pages.page({ locale, width: WIDTHS.desktop })
    await signIn(counsellor, 'claire')
    await switchLanguage(counsellor, locale)
    await counsellor.goto('/issuer/young-people/new')
    await counsellor.getByLabel(t('onboarding.youngPeople.new.displayName')).fill(c.name)
    await counsellor.getByLabel(t('onboarding.youngPeople.new.username')).fill(c.username)
    await counsellor.getByLabel(t('onboarding.youngPeople.new.email')).fill(c.email)
    await counsellor.getByRole('button', { name: t('onboarding.youngPeople.new.submit'), exact: true }).click()
    await counsellor.getByRole('heading', { name: t('onboarding.handover.activationTitle', { name: c.name }) }).waitFor()
    activationUrl = await findLinkOnPage(counsellor, '/activate/')
    await counsellor.getByRole('link', { name: t('onboarding.handover.issueTo', { name: c.name.split(' ')[0]! }) }).click()
    await counsellor.waitForURL((url) => url.pathname === '/issuer/issue')
    const skill = counsellor.getByRole('combobox', { name: t('issuer.issue.fields.skill') })
    await skill.fill(c.skill.query)
    // An option reads "<label> <kind>" (ESCO skill or key competence).
    await counsellor.getByRole('option', { name: new RegExp(`^${escapeRegExp(c.skill.label)}\\s`) }).first().click()
    await counsellor.getByRole('radio', { name: t('issuer.levels.practising.label') }).check()
    await counsellor.getByRole('radio', { name: t('issuer.issue.fields.evidenceLevelWitnessed') }).check()
    await counsellor.getByRole('textbox', { name: t('issuer.issue.fields.criteria'), exact: true }).fill(locale === 'fr' ? 'A tenu le stand de la fête de quartier avec trois autres jeunes, en se répartissant les tâches.' : 'Ran the street party stall with three other young people, sharing out the tasks.')
    await counsellor.getByRole('button', { name: t('issuer.issue.previewButton'), exact: true }).click()
    await counsellor.getByRole('button', { name: t('issuer.issue.preview.sign'), exact: true }).click()
    await counsellor.waitForURL((url) => url.pathname === '/issuer/issued')
  })

  step('she activates her account and joins the recruiters’ directory: she is given a handle', async () => {
    youth = await pages.page({ locale, width: WIDTHS.phone })
    await youth.goto(activationUrl)
    await switchLanguage(youth, locale)
    await youth.getByLabel(t('onboarding.activate.password'), { exact: true }).fill(c.password)
    await youth.getByLabel(t('onboarding.activate.confirm'), { exact: true }).fill(c.password)
    await youth.getByRole('button', { name: t('onboarding.activate.submit'), exact: true }).click()
    await youth.waitForURL((url) => url.pathname === '/wallet')
    await youth.goto('/profile/directory')
    await youth.getByRole('button', { name: t('directory.optIn.join'), exact: true }).click()
    // Her status line names her handle once she is in ("You are in the directory, as profile K7P3-Q9XM, since …").
    const before = escapeRegExp(t('directory.optIn.statusOn', { handle: '\u0000', date: '' }).split('\u0000')[0]!)
    const handlePattern = new RegExp(`(?<=${before})[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}`)
    await expect.poll(async () => handlePattern.exec(await youth.getByRole('main').innerText())?.[0] ?? '', { timeout: 60_000 }).not.toBe('')
    handle = handlePattern.exec(await youth.getByRole('main').innerText())![0]
  })

  step('Julie searches the directory by that skill and finds the blind profile: no name, username or e-mail in the page', async () => {
    julie = await pages.page({ locale, width: WIDTHS.desktop })
    await signIn(julie, 'julie')
    await switchLanguage(julie, locale)
    await julie.goto('/directory')
    const skill = julie.getByRole('combobox', { name: t('directory.filters.skill') })
    await skill.fill(c.skill.query)
    await julie.getByRole('option', { name: c.skill.label, exact: true }).click()
    await Promise.all([
      julie.waitForURL((url) => url.searchParams.has('skill')),
      julie.getByRole('button', { name: t('directory.filters.submit'), exact: true }).click(),
    ])
    const open = julie.getByRole('link', { name: t('directory.card.handle', { handle }), exact: true })
    await open.waitFor()
    await expectBlind(julie, 'the search results')
    await open.click()
    await julie.waitForURL((url) => url.pathname === `/directory/${handle}`)
    await julie.getByLabel(t('directory.profile.message'), { exact: true }).waitFor()
    await expectBlind(julie, 'the blind profile')
  })

  step('she sends a contact request; her contacts list shows only the handle, still blind', async () => {
    await julie.getByLabel(t('directory.profile.message'), { exact: true }).fill(c.request)
    await julie.getByRole('button', { name: t('directory.profile.send'), exact: true }).click()
    await julie.getByText(t('directory.profile.sent'), { exact: true }).waitFor()
    await expectBlind(julie, 'the page after sending')
    await julie.goto('/contacts')
    const card = julie.getByRole('article', { name: t('contacts.recruiter.handle', { handle }) })
    await card.getByText(t('contacts.status.pending'), { exact: true }).waitFor()
    await expectBlind(julie, 'the recruiter’s contacts list')
    await checkScreen(julie, shot('01-recruiter-pending'))
  })

  step('the young person sees the request — who, which organisation, the message — and accepts it', async () => {
    await followNav(youth, t('shell.tabs.contacts'))
    await youth.waitForURL((url) => url.pathname === '/contacts')
    const card = youth.getByRole('article', { name: 'Boulangerie du Marché' })
    await card.getByText(c.request, { exact: true }).waitFor()
    await card.getByText(new RegExp(escapeRegExp('Julie Lefèvre'))).waitFor()
    await checkScreen(youth, shot('02-youth-request'))
    await card.getByRole('button', { name: new RegExp(`^${escapeRegExp(t('contacts.request.accept'))}`) }).click()
    await youth.waitForURL((url) => /^\/contacts\/[^/]+$/.test(url.pathname))
    await youth.getByRole('heading', { level: 1, name: t('contacts.thread.heading', { name: t('contacts.thread.withRecruiter', { name: 'Julie Lefèvre', organisation: 'Boulangerie du Marché' }) }) }).waitFor()
  })

  step('she writes first', async () => {
    await youth.getByLabel(t('contacts.thread.write'), { exact: true }).fill(c.reply)
    await youth.getByRole('button', { name: t('contacts.thread.send'), exact: true }).click()
    await youth.getByRole('listitem').filter({ hasText: c.reply }).waitFor()
    await expect.poll(() => youth.getByLabel(t('contacts.thread.write'), { exact: true }).inputValue()).toBe('')
    await checkScreen(youth, shot('03-youth-thread'))
  })

  step('Julie now sees her name, the unread message, and answers', async () => {
    await julie.goto('/contacts')
    const card = julie.getByRole('article', { name: c.name })
    await card.getByText(t('contacts.status.accepted'), { exact: true }).waitFor()
    await card.getByText(t('contacts.unread', { count: 1 }), { exact: true }).waitFor()
    await card.getByRole('link', { name: new RegExp(`^${escapeRegExp(t('contacts.openThread'))}`) }).click()
    await julie.waitForURL((url) => /^\/contacts\/[^/]+$/.test(url.pathname))
    await julie.getByRole('heading', { level: 1, name: t('contacts.thread.heading', { name: c.name }) }).waitFor()
    await julie.getByRole('listitem').filter({ hasText: c.reply }).waitFor()
    await julie.getByLabel(t('contacts.thread.write'), { exact: true }).fill(c.answer)
    await julie.getByRole('button', { name: t('contacts.thread.send'), exact: true }).click()
    await julie.getByRole('listitem').filter({ hasText: c.answer }).waitFor()
    await checkScreen(julie, shot('04-recruiter-thread'))
  })

  step('the young person sees the answer, and her message marked as read', async () => {
    await youth.reload()
    const answer = youth.getByRole('listitem').filter({ hasText: c.answer })
    await answer.waitFor()
    await youth.getByRole('listitem').filter({ hasText: c.reply }).getByText(t('contacts.thread.read'), { exact: true }).waitFor()
  })
})
