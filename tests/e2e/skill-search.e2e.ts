import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect } from 'vitest'
import { launchBrowser, openPages, WIDTHS } from './support/browser'
import { escapeRegExp, translator } from './support/messages'
import { checkScreen } from './support/screens'
import { signIn, switchLanguage } from './support/session'
import { journeySteps } from './support/steps'

// Issue 12 §9 and §6. A counsellor finds skills in everyday words in the issue form ("caisse",
// "accueil", "garde d’enfants"; "childcare", "cashier"): each gives an ESCO skill, saying which
// word found it; the chosen skill becomes a capitalised badge title. A recruiter's directory shows
// blind profiles with every skill, its level and evidence, and a labelled region and availability.

const SEARCHES = {
  fr: [
    { q: 'caisse', label: 'effectuer des calculs' },
    { q: 'accueil', label: 'faire preuve d’empathie' },
    { q: 'garde d’enfants', label: 'assumer des responsabilités' },
  ],
  en: [
    { q: 'childcare', label: 'assume responsibility' },
    { q: 'cashier', label: 'carry out calculations' },
  ],
} as const

// Samira (demo world) is in the directory with five skills: two badges of the mission locale
// (one aligned to an ESCO skill and a key competence), and a work experience aligned to two skills.
const SAMIRA_SKILLS = {
  fr: ['Utiliser des équipements numériques', 'Respecter ses engagements', 'Effectuer des calculs', 'Gérer le temps'],
  en: ['Operate digital hardware', 'Meet commitments', 'Carry out calculations', 'Manage time'],
} as const

let browser: Browser
beforeAll(async () => { browser = await launchBrowser() })
afterAll(async () => { await browser?.close() })

describe.each(['fr', 'en'] as const)('finding skills in everyday words, blind profiles, in %s', (locale) => {
  const t = translator(locale)
  const step = journeySteps()
  const shot = (name: string) => `skill-search-${locale}-${name}`
  const pages = openPages(() => browser, { timeoutMs: 60_000 })
  let claire: Page
  let julie: Page
  afterAll(() => pages.closeAll())

  step('the counsellor types everyday words in the skill field and gets ESCO skills, with the word that found them', async () => {
    claire = await pages.page({ locale, width: WIDTHS.phone })
    await signIn(claire, 'claire')
    await switchLanguage(claire, locale)
    await claire.goto('/issuer/issue')
    const field = claire.getByRole('combobox', { name: t('issuer.issue.fields.skill') })
    const options = claire.getByRole('listbox', { name: t('issuer.issue.fields.skill') }).getByRole('option')
    for (const [i, s] of SEARCHES[locale].entries()) {
      await field.fill(s.q)
      // "<label> found with “<word>” <kind>" (the accessible name flattens the French non-breaking spaces).
      const option = options.filter({ hasText: t('taxonomy.search.matched', { word: s.q }) }).first()
      await option.waitFor()
      expect(await option.innerText()).toMatch(new RegExp(`^${escapeRegExp(s.label)}\\n`))
      // The first option is the best one.
      await expect.poll(async () => (await options.first().innerText()).split('\n')[0]).toBe(s.label)
      if (i === 0) await checkScreen(claire, shot('01-options'))
    }
  })

  step('choosing one fills a capitalised badge title and links the ESCO skill', async () => {
    const field = claire.getByRole('combobox', { name: t('issuer.issue.fields.skill') })
    const s = SEARCHES[locale][0]
    await field.fill(s.q)
    const first = claire.getByRole('listbox', { name: t('issuer.issue.fields.skill') }).getByRole('option').first()
    // The answer to this search, not the list still showing the previous one.
    await expect.poll(async () => (await first.innerText()).split('\n')[0]).toBe(s.label)
    await first.click()
    const title = s.label.charAt(0).toUpperCase() + s.label.slice(1)
    await expect.poll(() => field.inputValue()).toBe(title)
    await claire.getByText(t('issuer.picker.linked', { kind: t('issuer.picker.kinds.skill') })).waitFor()
  })

  step('the recruiter’s directory shows blind profiles with every skill, its level and evidence, and labelled region and availability', async () => {
    julie = await pages.page({ locale, width: WIDTHS.desktop })
    await signIn(julie, 'julie')
    await switchLanguage(julie, locale)
    // Narrowed to one of her skills (Utiliser des équipements numériques, ESCO): the run adds young
    // people to the directory, and the unfiltered list shows 20 a page.
    await julie.goto(`/directory?skill=${encodeURIComponent('http://data.europa.eu/esco/skill/6b2f8802-0cbf-436e-a37f-ca55ede41bbc')}`)
    // Samira's card (in the demo world, only she holds that skill). A list card shows her first
    // skills and says how many more there are; her full profile, below, shows every one.
    const samira = julie.getByRole('article').filter({ hasText: SAMIRA_SKILLS[locale][0] }).first()
    await samira.waitFor()
    const text = await samira.innerText()
    const more = SAMIRA_SKILLS[locale].filter((skill) => !text.includes(skill))
    // Any skill not on the card is counted in its "and N more skills" line.
    if (more.length) expect([1, 2, 3, 4, 5, 6, 7, 8, 9].some((n) => n >= more.length && text.includes(t('directory.results.moreSkills', { count: n })))).toBe(true)
    expect(text).toContain(t('directory.card.regionLabel'))
    expect(text).toContain(t('directory.card.availabilityLabel'))
    expect(text).not.toMatch(new RegExp(`${escapeRegExp(t('directory.card.notGiven'))}\\s*·\\s*${escapeRegExp(t('directory.card.notGiven'))}`))
    await checkScreen(julie, shot('02-directory'))
    await samira.getByRole('link').first().click()
    await julie.waitForURL((url) => /^\/directory\/[^/]+$/.test(url.pathname))
    const main = await julie.getByRole('main').innerText()
    for (const skill of SAMIRA_SKILLS[locale]) expect(main).toContain(skill)
    // Each skill with its level (the four-step meter's words) and how the issuer knows (common.evidence).
    expect(main).toContain(t('common.levels.meter', { step: 3, name: t('common.levels.autonomous') }))
    expect(main).toContain(t('common.evidence.assessed.term'))
    expect(main).toContain(t('common.evidence.witnessed.term'))
    await checkScreen(julie, shot('03-profile'))
  })
})
