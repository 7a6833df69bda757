import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect } from 'vitest'
import { launchBrowser, openPages, WIDTHS, type Locale } from './support/browser'
import { findLinkOnPage } from './support/links'
import { escapeRegExp, translator } from './support/messages'
import { checkScreen } from './support/screens'
import { signIn, switchLanguage } from './support/session'
import { journeySteps } from './support/steps'

// Issue 12 §5, notifications, in French and in English. Each event is caused through the UI by one
// person and shows up in the OTHER person's header counter and list: Claire issues a badge to a
// young person she has just enrolled; Julie, a recruiter, asks that young person for contact; the
// young person asks Claire to confirm a story. Opening a notification marks it read and goes where
// it is about; "mark all as read" empties the counter. Screens pass axe at 360 and 1280 px.

const RUN = Date.now().toString(36)
const ML = 'Mission Locale Roubaix-Tourcoing'
const BAKERY = 'Boulangerie du Marché'
const CASES: Record<Locale, { name: string; username: string; email: string; password: string; skill: { query: string; label: string }; story: string; request: string; criteria: string; texts: [string, string, string] }> = {
  fr: {
    name: `Inès Cloche${RUN}`, username: `ines-cloche-${RUN}`, email: `ines.cloche.${RUN}@example.org`, password: 'ma-cloche-a-moi-fr',
    skill: { query: 'travailler en', label: 'travailler en équipe' },
    story: `Tenir la caisse (${RUN})`,
    request: 'Bonjour, nous cherchons une vendeuse pour le week-end. Votre badge nous intéresse.',
    criteria: 'A tenu le stand de la fête de quartier avec trois autres jeunes, en se répartissant les tâches.',
    texts: ['Au marché de Noël, la caissière était malade.', 'J’ai tenu la caisse seule tout l’après-midi.', 'Le soir, la caisse était juste au centime près.'],
  },
  en: {
    name: `Ivy Bell${RUN}`, username: `ivy-bell-${RUN}`, email: `ivy.bell.${RUN}@example.org`, password: 'my-own-bell-en',
    skill: { query: 'work in te', label: 'work in teams' },
    story: `Running the till (${RUN})`,
    request: 'Hello, we are looking for a weekend shop assistant. Your badge caught our eye.',
    criteria: 'Ran the street party stall with three other young people, sharing out the tasks.',
    texts: ['At the Christmas market, the cashier was ill.', 'I ran the till on my own all afternoon.', 'In the evening, the till was right to the penny.'],
  },
}

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

describe.each(['fr', 'en'] as const)('notifications in %s', (locale) => {
  const t = translator(locale)
  const c = CASES[locale]
  const step = journeySteps()
  const shot = (name: string) => `notifications-${locale}-${name}`
  const pages = openPages(() => browser, { timeoutMs: 60_000 })
  let claire: Page
  let youth: Page
  let julie: Page
  let activationUrl = ''
  let handle = ''
  let claireUnread = 0

  afterAll(() => pages.closeAll())

  /** The header's bell, found by its accessible name for `count` unread notifications. */
  const bell = (page: Page, count: number) => page.getByRole('banner').getByRole('link', { name: t('notifications.bell.label', { count }), exact: true })
  /** A message with one part unknown in advance (a badge's title): that part matches anything. */
  const pattern = (key: string, values: Record<string, string>, unknown: string) =>
    new RegExp(escapeRegExp(t(key, { ...values, [unknown]: '\u0000' })).replace('\u0000', '.+'))
  /** Opens the list from the bell; `text` is the notification expected on top, still unread. */
  async function openListFromBell(page: Page, count: number, text: string | RegExp, screen: string) {
    await bell(page, count).click()
    await page.waitForURL((url) => url.pathname === '/notifications')
    await page.getByRole('heading', { level: 1, name: t('notifications.title') }).waitFor()
    const list = page.getByRole('list', { name: t('notifications.listLabel') })
    const item = list.getByRole('link').first()
    await expect.poll(() => item.innerText()).toMatch(typeof text === 'string' ? new RegExp(escapeRegExp(text)) : text)
    await item.getByText(t('notifications.new'), { exact: true }).waitFor()
    await checkScreen(page, shot(screen))
    return item
  }

  step('Claire enrols a young person and issues her a badge', async () => {
    claire = await pages.page({ locale, width: WIDTHS.desktop })
    await signIn(claire, 'claire')
    await switchLanguage(claire, locale)
    await claire.goto('/issuer/young-people/new')
    await claire.getByLabel(t('onboarding.youngPeople.new.displayName')).fill(c.name)
    await claire.getByLabel(t('onboarding.youngPeople.new.username')).fill(c.username)
    await claire.getByLabel(t('onboarding.youngPeople.new.email')).fill(c.email)
    await claire.getByRole('button', { name: t('onboarding.youngPeople.new.submit'), exact: true }).click()
    await claire.getByRole('heading', { name: t('onboarding.handover.activationTitle', { name: c.name }) }).waitFor()
    activationUrl = await findLinkOnPage(claire, '/activate/')
    await claire.getByRole('link', { name: t('onboarding.handover.issueTo', { name: c.name.split(' ')[0]! }) }).click()
    await claire.waitForURL((url) => url.pathname === '/issuer/issue')
    await claire.getByRole('combobox', { name: t('issuer.issue.fields.skill') }).fill(c.skill.query)
    await claire.getByRole('option', { name: new RegExp(`^${escapeRegExp(c.skill.label)}\\s`) }).first().click()
    await claire.getByRole('radio', { name: t('issuer.levels.practising.label') }).check()
    await claire.getByRole('radio', { name: t('issuer.issue.fields.evidenceLevelWitnessed') }).check()
    await claire.getByRole('textbox', { name: t('issuer.issue.fields.criteria'), exact: true }).fill(c.criteria)
    await claire.getByRole('button', { name: t('issuer.issue.previewButton'), exact: true }).click()
    await claire.getByRole('button', { name: t('issuer.issue.preview.sign'), exact: true }).click()
    await claire.waitForURL((url) => url.pathname === '/issuer/issued')
  }, 240_000) // the first screens of a run against `next dev` are compiled on demand

  step('the young person activates her wallet: the bell says 1 unread, the badge is on top; opening it leads to the badge and reads it', async () => {
    youth = await pages.page({ locale, width: WIDTHS.phone })
    await youth.goto(activationUrl)
    await switchLanguage(youth, locale)
    await youth.getByLabel(t('onboarding.activate.password'), { exact: true }).fill(c.password)
    await youth.getByLabel(t('onboarding.activate.confirm'), { exact: true }).fill(c.password)
    await youth.getByRole('button', { name: t('onboarding.activate.submit'), exact: true }).click()
    await youth.waitForURL((url) => url.pathname === '/wallet')
    const item = await openListFromBell(youth, 1, pattern('notifications.kinds.badge', { organisation: ML }, 'title'), '01-youth-badge')
    await item.click()
    await youth.waitForURL((url) => /^\/wallet\/[^/]+$/.test(url.pathname))
    await bell(youth, 0).waitFor()
  })

  step('she joins the directory; Julie asks to contact her', async () => {
    await youth.goto('/profile/directory')
    await youth.getByRole('button', { name: t('directory.optIn.join'), exact: true }).click()
    const before = escapeRegExp(t('directory.optIn.statusOn', { handle: '\u0000', date: '' }).split('\u0000')[0]!)
    const handlePattern = new RegExp(`(?<=${before})[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}`)
    await expect.poll(async () => handlePattern.exec(await youth.getByRole('main').innerText())?.[0] ?? '', { timeout: 60_000 }).not.toBe('')
    handle = handlePattern.exec(await youth.getByRole('main').innerText())![0]

    julie = await pages.page({ locale, width: WIDTHS.desktop })
    await signIn(julie, 'julie')
    await switchLanguage(julie, locale)
    await julie.goto(`/directory/${handle}`)
    await julie.getByLabel(t('directory.profile.message'), { exact: true }).fill(c.request)
    await julie.getByRole('button', { name: t('directory.profile.send'), exact: true }).click()
    await julie.getByText(t('directory.profile.sent'), { exact: true }).waitFor()
  })

  step('her bell says 1 unread: the request, from the bakery; opening it leads to her contacts; it is read after', async () => {
    await youth.goto('/wallet')
    const text = t('notifications.kinds.contact_request', { organisation: BAKERY })
    const item = await openListFromBell(youth, 1, text, '02-youth-contact')
    await item.click()
    await youth.waitForURL((url) => url.pathname === '/contacts')
    await bell(youth, 0).waitFor()
    await youth.goto('/notifications')
    const first = youth.getByRole('list', { name: t('notifications.listLabel') }).getByRole('link').first()
    await expect.poll(() => first.innerText()).toContain(text)
    expect(await first.getByText(t('notifications.new'), { exact: true }).count()).toBe(0)
    await youth.getByText(t('notifications.unreadCount', { count: 0 }), { exact: true }).waitFor()
  })

  step('she writes a story and asks Claire to confirm it; Claire’s bell counts one more, and the request leads to the story', async () => {
    await claire.goto('/issuer')
    claireUnread = Number(await claire.getByRole('banner').getByRole('link', { name: new RegExp(`^${escapeRegExp(t('notifications.bell.label', { count: 0 }))}`) }).getAttribute('data-unread'))

    await youth.goto('/stories/new')
    await youth.getByRole('combobox', { name: t('stories.form.skill') }).fill(c.story)
    await youth.getByLabel(t('stories.form.situation'), { exact: true }).fill(c.texts[0])
    await youth.getByLabel(t('stories.form.whatIDid'), { exact: true }).fill(c.texts[1])
    await youth.getByLabel(t('stories.form.outcome'), { exact: true }).fill(c.texts[2])
    await youth.getByRole('button', { name: t('stories.form.save'), exact: true }).click()
    await youth.waitForURL((url) => /^\/stories\/[0-9a-f-]{36}$/.test(url.pathname))
    const storyPath = new URL(youth.url()).pathname
    await youth.getByRole('radio', { name: new RegExp(`Claire Martin.*${escapeRegExp(ML)}`) }).check()
    await youth.getByRole('button', { name: t('stories.ask.submit'), exact: true }).click()
    await youth.getByText(t('stories.status.requested', { name: 'Claire Martin' }), { exact: true }).waitFor()

    await claire.goto('/issuer')
    const item = await openListFromBell(claire, claireUnread + 1, t('notifications.kinds.story_request', { name: c.name, skill: c.story }), '03-claire-request')
    await item.click()
    await claire.waitForURL((url) => url.pathname === `/issuer${storyPath}`)
    await claire.getByRole('heading', { level: 1, name: c.story }).waitFor()
    await bell(claire, claireUnread).waitFor()
  })

  step('“mark all as read” empties Claire’s counter', async () => {
    await claire.goto('/notifications')
    if (claireUnread > 0) {
      await claire.getByRole('button', { name: t('notifications.markAll'), exact: true }).click()
      await claire.getByText(t('notifications.unreadCount', { count: 0 }), { exact: true }).waitFor()
    }
    await bell(claire, 0).waitFor()
    await checkScreen(claire, shot('04-claire-all-read'))
  })
})
