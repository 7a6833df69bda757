import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect } from 'vitest'
import { capitalise } from '@/lib/i18n/text'
import { launchBrowser, openPages, WIDTHS, type Locale } from './support/browser'
import { findLinkOnPage } from './support/links'
import { escapeRegExp, translator } from './support/messages'
import { checkScreen } from './support/screens'
import { signIn, switchLanguage } from './support/session'
import { journeySteps } from './support/steps'
import { followNav } from './support/nav'

// Issue 5, co-written skill stories, in French and in English, on a 360 px phone: Samira drafts a
// story (an ESCO skill in her own words, three guided parts) and asks Claire, her counsellor;
// Claire proposes an edit; Samira takes it; Claire issues it as "assessed"; Samira shares the badge
// and a recruiter opening the link reads its evidence level plainly. Every screen passes axe and is
// photographed at 360 and 1280 px.

const SKILL: Record<Locale, { query: string; label: string }> = {
  fr: { query: 'travailler en', label: 'travailler en équipe' },
  en: { query: 'work in te', label: 'work in teams' },
}
const TEXTS: Record<Locale, { situation: string; whatIDid: string; outcome: string; edited: string; note: string; criteria: string }> = {
  fr: {
    situation: 'À la fête du quartier, il fallait monter les stands avant midi.',
    whatIDid: 'J’ai aidé pour les stands.',
    outcome: 'Tout était prêt à l’heure et on m’a demandé de revenir.',
    edited: 'J’ai réparti les tâches entre cinq bénévoles et tenu le planning de la matinée.',
    note: 'Je précise ton rôle : c’est toi qui as organisé l’équipe.',
    criteria: 'Grille « travail en équipe » de la Mission Locale : critères 1 à 4 atteints.',
  },
  en: {
    situation: 'At the street party, the stalls had to be up before noon.',
    whatIDid: 'I helped with the stalls.',
    outcome: 'Everything was ready on time and they asked me to come back.',
    edited: 'I shared out the jobs between five volunteers and kept the morning schedule.',
    note: 'I made your role clearer: you organised the team.',
    criteria: 'The Mission Locale teamwork grid: criteria 1 to 4 met.',
  },
}

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

describe.each(['fr', 'en'] as const)('a skill story in %s', (locale) => {
  const t = translator(locale)
  const step = journeySteps()
  const shot = (name: string) => `stories-${locale}-${name}`
  const text = TEXTS[locale]
  // The ESCO skill, worded her way and unique to this run (the demo data outlives a run on a dev server).
  const skill = `${SKILL[locale].label} (${Date.now().toString(36)})`
  const pages = openPages(() => browser, { timeoutMs: 60_000 })
  let youth: Page
  let claire: Page
  let storyPath = ''
  let shareUrl = ''

  afterAll(() => pages.closeAll())

  const openStoryAsClaire = async () => {
    await claire.goto('/issuer/stories')
    await claire.getByRole('link', { name: t('stories.attester.openStory', { name: 'Samira B.', elision: 'no', skill }), exact: true }).click()
    await claire.getByRole('heading', { level: 1, name: skill }).waitFor()
  }

  // The story as Claire reads it (the proposal form below repeats its words in text fields).
  const storyOnClaireSide = () => claire.getByRole('region', { name: t('stories.attester.from', { name: 'Samira B.', elision: 'no' }) })

  step('Samira opens her stories from the navigation and starts one', async () => {
    youth = await pages.page({ locale, width: WIDTHS.phone })
    await signIn(youth, 'samira')
    await switchLanguage(youth, locale)
    await followNav(youth, t('shell.nav.stories'))
    await youth.getByRole('heading', { level: 1, name: t('stories.title') }).waitFor()
    await checkScreen(youth, shot('01-list'))
    await youth.getByRole('link', { name: t('stories.new'), exact: true }).click()
    await youth.getByRole('heading', { level: 1, name: t('stories.form.newTitle') }).waitFor()
  }, 240_000) // the first screens of a run against `next dev` are compiled on demand

  step('a draft without a skill is refused and what she wrote stays', async () => {
    await youth.getByLabel(t('stories.form.situation'), { exact: true }).fill(text.situation)
    await youth.getByRole('button', { name: t('stories.form.save'), exact: true }).click()
    await youth.getByText(t('stories.errors.skillRequired'), { exact: true }).waitFor()
    await expect.poll(() => youth.getByLabel(t('stories.form.situation'), { exact: true }).inputValue()).toBe(text.situation)
  })

  step('she picks the ESCO skill, words it her way, answers the three questions and saves the draft', async () => {
    const combobox = youth.getByRole('combobox', { name: t('stories.form.skill') })
    await combobox.fill(SKILL[locale].query)
    await youth.getByRole('option', { name: SKILL[locale].label, exact: true }).click()
    await youth.getByText(t('stories.picker.linked')).waitFor()
    await combobox.fill(skill)
    await youth.getByLabel(t('stories.form.whatIDid'), { exact: true }).fill(text.whatIDid)
    await youth.getByLabel(t('stories.form.outcome'), { exact: true }).fill(text.outcome)
    await checkScreen(youth, shot('02-form'))
    await youth.getByRole('button', { name: t('stories.form.save'), exact: true }).click()
    await youth.waitForURL((url) => /^\/stories\/[0-9a-f-]{36}$/.test(url.pathname))
    storyPath = new URL(youth.url()).pathname
    await youth.getByRole('heading', { level: 1, name: skill }).waitFor()
    await youth.getByText(t('stories.detail.skillFromList'), { exact: true }).waitFor()
    await youth.getByText(t('stories.status.draft'), { exact: true }).waitFor()
  })

  step('she asks Claire, her counsellor, chosen by name and organisation', async () => {
    await youth.getByRole('radio', { name: new RegExp(`Claire Martin.*${escapeRegExp('Mission Locale Roubaix-Tourcoing')}`) }).check()
    await checkScreen(youth, shot('03-draft'))
    await youth.getByRole('button', { name: t('stories.ask.submit'), exact: true }).click()
    await youth.getByText(t('stories.status.requested', { name: 'Claire Martin' }), { exact: true }).waitFor()
    await checkScreen(youth, shot('04-requested'))
  })

  step('Claire finds the request in her queue and proposes an edit with a note', async () => {
    claire = await pages.page({ locale, width: WIDTHS.phone })
    await signIn(claire, 'claire')
    await switchLanguage(claire, locale)
    await followNav(claire, t('shell.tabs.attest'))
    await claire.getByRole('heading', { level: 1, name: t('stories.attester.title') }).waitFor()
    await checkScreen(claire, shot('05-queue'))
    await openStoryAsClaire()
    await storyOnClaireSide().getByText(text.whatIDid, { exact: true }).waitFor()
    await checkScreen(claire, shot('06-request'))
    await claire.getByText(t('stories.attester.propose.title'), { exact: true }).click()
    await claire.getByLabel(t('stories.detail.whatIDid'), { exact: true }).fill(text.edited)
    await claire.getByLabel(t('stories.attester.propose.note'), { exact: true }).fill(text.note)
    await claire.getByRole('button', { name: t('stories.attester.propose.submit'), exact: true }).click()
    await claire.getByText(t('stories.attester.done.proposed'), { exact: true }).waitFor()
  })

  step('Samira sees the proposal next to her text and takes it', async () => {
    await youth.goto(storyPath)
    await youth.getByRole('heading', { level: 2, name: t('stories.proposal.title', { name: 'Claire Martin' }) }).waitFor()
    await youth.getByText(text.note, { exact: true }).waitFor()
    await youth.getByText(text.whatIDid, { exact: true }).waitFor()
    await youth.getByText(text.edited, { exact: true }).waitFor()
    await checkScreen(youth, shot('07-proposal'))
    await youth.getByRole('button', { name: t('stories.proposal.accept'), exact: true }).click()
    await youth.getByText(t('stories.status.requested', { name: 'Claire Martin' }), { exact: true }).waitFor()
    await youth.getByText(text.edited, { exact: true }).waitFor()
    expect(await youth.getByText(text.whatIDid, { exact: true }).count()).toBe(0)
  })

  step('Claire issues it as assessed: the criteria are asked for, then the badge is signed', async () => {
    await openStoryAsClaire()
    await storyOnClaireSide().getByText(text.edited, { exact: true }).waitFor()
    await claire.getByRole('radio', { name: new RegExp(escapeRegExp(t('stories.attester.issue.assessed'))) }).check()
    await claire.getByRole('radio', { name: t('stories.attester.levels.autonomous'), exact: true }).check()
    await claire.getByRole('button', { name: t('stories.attester.issue.submit'), exact: true }).click()
    await claire.getByText(t('stories.errors.criteriaRequired'), { exact: true }).waitFor()
    await claire.getByLabel(t('stories.attester.issue.criteria'), { exact: true }).fill(text.criteria)
    await checkScreen(claire, shot('08-issue'))
    await claire.getByRole('button', { name: t('stories.attester.issue.submit'), exact: true }).click()
    await claire.getByText(t('stories.attester.done.issued'), { exact: true }).waitFor()
  })

  step('Samira’s story is attested and links to the badge in her wallet', async () => {
    await youth.goto(storyPath)
    await youth.getByText(t('stories.status.attested', { name: 'Claire Martin' }), { exact: true }).first().waitFor()
    await youth.getByText(t('stories.detail.evidence', { level: t('stories.evidence.assessed') }), { exact: true }).waitFor()
    await checkScreen(youth, shot('09-attested'))
    await youth.getByRole('link', { name: t('stories.viewCredential'), exact: true }).click()
    await youth.waitForURL((url) => url.pathname.startsWith('/wallet/'))
    await youth.getByRole('heading', { level: 1, name: skill }).waitFor()
  })

  step('she shares the badge; a recruiter opening the link reads "assessed" plainly', async () => {
    await youth.goto('/wallet/shares/new')
    // The badge's title is the skill's name, capitalised at issuing.
    await youth.getByRole('checkbox', { name: new RegExp(escapeRegExp(capitalise(skill, locale))) }).check()
    await youth.getByLabel(t('shares.form.label.label'), { exact: true }).fill(locale === 'fr' ? 'Boulangerie' : 'Bakery')
    await youth.getByRole('button', { name: t('shares.form.submit'), exact: true }).click()
    await youth.getByRole('heading', { name: t('shares.created.title') }).waitFor()
    shareUrl = await findLinkOnPage(youth, '/p/')

    const recruiter = await pages.page({ locale, width: WIDTHS.phone })
    expect((await recruiter.goto(shareUrl))?.status()).toBe(200)
    const card = recruiter.getByRole('article', { name: skill })
    // The words defined once (common.evidence), stated as a fact: the card's own checks passed.
    await card.getByText(t('common.evidence.assessed.term'), { exact: true }).waitFor()
    await card.getByText(t('common.evidence.assessed.definition'), { exact: false }).waitFor()
    expect(await card.getAttribute('data-card-verdict')).toBe('valid')
    await checkScreen(recruiter, shot('10-recruiter'))
  })
})
