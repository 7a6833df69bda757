import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { launchBrowser, newContext, openPages, WIDTHS, type Locale } from './support/browser'
import { findLinkOnPage } from './support/links'
import { escapeRegExp, translator } from './support/messages'
import { checkScreen } from './support/screens'
import { signIn, switchLanguage } from './support/session'
import { journeySteps } from './support/steps'
import { followNav } from './support/nav'

// Issue 5, the path, in French and in English: a young person (the demo's Samira) on a 360 px
// phone writes an experience of her life, picks a job she aims at from ESCO, shares a link with
// her path; the recruiter view shows the path as her own words, said to be unverified. Every
// screen passes axe and is photographed at 360 and 1280 px.

const JOB: Record<Locale, { query: string; label: string }> = {
  fr: { query: 'cuisinier', label: 'cuisinier/cuisinière' },
  en: { query: 'cook', label: 'cook' },
}

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

describe.each(['fr', 'en'] as const)('the path in %s', (locale) => {
  const t = translator(locale)
  const step = journeySteps()
  const shot = (name: string) => `profile-${locale}-${name}`
  const title = `${locale === 'fr' ? 'Aider au marché du dimanche' : 'Helping at the Sunday market'} (${Date.now().toString(36)})`
  const pages = openPages(() => browser)
  let youth: Page
  let shareUrl = ''

  afterAll(() => pages.closeAll())


  step('the young person opens her profile from the navigation', async () => {
    youth = await pages.page({ locale, width: WIDTHS.phone })
    await signIn(youth, 'samira')
    await switchLanguage(youth, locale)
    await followNav(youth, t('shell.tabs.profile'))
    await youth.waitForURL((url) => url.pathname === '/profile')
    await youth.getByRole('heading', { level: 1, name: t('profile.title') }).waitFor()
    await youth.getByRole('heading', { level: 2, name: t('profile.path.title') }).waitFor()
    await checkScreen(youth, shot('01-profile'))
  })

  step('an experience without a title is refused, and what was typed stays', async () => {
    await youth.getByRole('link', { name: t('profile.path.add'), exact: true }).first().click()
    await youth.waitForURL((url) => url.pathname === '/profile/experiences/new')
    await youth.getByRole('radio', { name: new RegExp(t('profile.kinds.informal')) }).check()
    // The examples follow the kind chosen.
    await youth.getByText(t('profile.experienceForm.hints.informal.whatIDid'), { exact: true }).waitFor()
    await youth.getByLabel(t('profile.experienceForm.place'), { exact: false }).fill('Roubaix')
    await youth.getByRole('button', { name: t('profile.experienceForm.save'), exact: true }).click()
    await youth.getByText(t('profile.errors.titleRequired'), { exact: true }).waitFor()
    await youth.getByText(t('profile.errors.startRequired'), { exact: true }).waitFor()
    expect(await youth.getByLabel(t('profile.experienceForm.place'), { exact: false }).inputValue()).toBe('Roubaix')
    await checkScreen(youth, shot('02-experience-errors'))
  })

  step('she writes the experience in her own words and finds it first in her path', async () => {
    await youth.getByLabel(t('profile.experienceForm.title'), { exact: true }).fill(title)
    const start = youth.getByRole('group', { name: t('profile.experienceForm.start') })
    await start.getByLabel(t('profile.experienceForm.month'), { exact: true }).selectOption('03')
    await start.getByLabel(t('profile.experienceForm.year'), { exact: true }).selectOption(String(new Date().getFullYear() - 1))
    await youth.getByRole('checkbox', { name: t('profile.experienceForm.ongoing'), exact: true }).check()
    await youth.getByLabel(t('profile.experienceForm.whatIDid'), { exact: false }).fill(locale === 'fr' ? 'J’installe le stand et je sers les clients.' : 'I set up the stall and serve the customers.')
    await youth.getByLabel(t('profile.experienceForm.whatILearned'), { exact: false }).fill(locale === 'fr' ? 'Rendre la monnaie, rester calme.' : 'Handling money, staying calm.')
    await youth.getByRole('button', { name: t('profile.experienceForm.save'), exact: true }).click()
    await youth.waitForURL((url) => url.pathname === '/profile')
    // Ongoing: listed before everything that ended.
    await expect.poll(() => youth.getByRole('main').locator('h3').first().textContent()).toBe(title)
    await youth.getByRole('heading', { level: 3, name: title }).waitFor()
  })

  step('she picks a job from ESCO for her goals', async () => {
    await youth.getByRole('link', { name: t('profile.goals.edit'), exact: true }).click()
    await youth.waitForURL((url) => url.pathname === '/profile/goals')
    // A fresh list each run: remove what is there.
    const removes = youth.getByRole('button', { name: new RegExp(`^${escapeRegExp(t('profile.goalsForm.remove', { label: '' }))}`) })
    while (await removes.count()) await removes.first().click()
    const search = youth.getByRole('combobox', { name: t('profile.goalsForm.search') })
    await search.fill(JOB[locale].query)
    const option = youth.getByRole('option', { name: JOB[locale].label, exact: true })
    await option.click()
    await youth.getByText(t('profile.goalsForm.fromList'), { exact: true }).first().waitFor()
    await youth.getByRole('link', { name: t('common.escoAttribution') }).first().waitFor()
    await checkScreen(youth, shot('03-goals'))
    await youth.getByRole('button', { name: t('profile.goalsForm.save'), exact: true }).click()
    await youth.waitForURL((url) => url.pathname === '/profile')
    await youth.getByRole('main').getByText(JOB[locale].label, { exact: true }).waitFor()
    await checkScreen(youth, shot('04-profile-filled'))
  })

  step('she shares a link with her path', async () => {
    await youth.goto('/wallet/shares/new')
    await youth.getByRole('main').getByRole('checkbox').first().check()
    await youth.getByRole('checkbox', { name: t('profile.share.sections.path'), exact: true }).check()
    await youth.getByRole('checkbox', { name: t('profile.share.sections.goals'), exact: true }).check()
    await youth.getByLabel(t('shares.form.label.label'), { exact: true }).fill('Marché')
    await checkScreen(youth, shot('05-share-form'))
    await youth.getByRole('button', { name: t('shares.form.submit'), exact: true }).click()
    await youth.getByRole('heading', { name: t('shares.created.title') }).waitFor()
    shareUrl = await findLinkOnPage(youth, '/p/')
  })

  step('the recruiter view shows the path and the goal as her own words, not verified', async () => {
    const recruiter = await pages.page({ locale, width: WIDTHS.phone })
    expect((await recruiter.goto(shareUrl))?.status()).toBe(200)
    // Her own words (issue 12): labelled as hers, never with a "not verified" verdict.
    const words = recruiter.getByRole('region', { name: t('portfolio.view.ownWords.title') })
    await words.getByText(t('portfolio.view.ownWords.lead', { name: 'Samira' }), { exact: true }).waitFor()
    expect(await words.getByText(t('portfolio.verdict.notValid.failed'), { exact: true }).count()).toBe(0)
    await words.getByRole('heading', { name: title }).waitFor()
    await words.getByText(JOB[locale].label, { exact: true }).waitFor()
    expect(await words.getByRole('heading', { name: t('profile.public.languages') }).count()).toBe(0)
    // The credentials are still verified, apart.
    await recruiter.getByRole('main').locator('[data-portfolio-verdict="all"]').waitFor()
    await checkScreen(recruiter, shot('06-recruiter-view'))
  })
})

describe('who may open the profile', () => {
  test('a recruiter gets the 403 page, a visitor the sign-in page', async () => {
    const recruiter = await newContext(browser, { locale: 'en' })
    try {
      const page = await recruiter.newPage()
      await signIn(page, 'julie')
      for (const path of ['/profile', '/profile/goals', '/profile/experiences/new']) {
        expect((await page.goto(path))?.status()).toBe(403)
      }
    } finally {
      await recruiter.close()
    }
    const visitor = await newContext(browser, { locale: 'en' })
    try {
      const page = await visitor.newPage()
      await page.goto('/profile')
      await page.waitForURL((url) => url.pathname === '/sign-in')
    } finally {
      await visitor.close()
    }
  })
})
