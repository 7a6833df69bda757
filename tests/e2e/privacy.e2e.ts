import { readFile } from 'node:fs/promises'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect } from 'vitest'
import { launchBrowser, openPages, WIDTHS, type Locale } from './support/browser'
import { findLinkOnPage } from './support/links'
import { translator } from './support/messages'
import { checkScreen } from './support/screens'
import { signIn, switchLanguage } from './support/session'
import { journeySteps } from './support/steps'
import { followNav } from './support/nav'

// Issue 5, privacy, in French and in English: a counsellor creates a young person's wallet and
// issues a badge; the young person, on a 360 px phone, opens "My data" from the navigation,
// downloads all her data (the file parses and holds the badge as signed), then deletes her account
// (a wrong password first) and can no longer sign in. Every screen passes axe and is photographed.

const CASES: Record<Locale, { youngPerson: string; skill: string; password: string }> = {
  fr: { youngPerson: 'Léa Privat', skill: 'Ranger la réserve de la ressourcerie', password: 'mes-donnees-a-moi-fr' },
  en: { youngPerson: 'Liam Private', skill: 'Sorting the charity shop stockroom', password: 'my-own-data-phrase-en' },
}

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

describe.each(['fr', 'en'] as const)('my data in %s', (locale) => {
  const t = translator(locale)
  const c = CASES[locale]
  const skill = `${c.skill} ${Date.now().toString(36)}`
  const firstName = c.youngPerson.split(' ')[0]!
  const step = journeySteps()
  const shot = (name: string) => `privacy-${locale}-${name}`
  const pages = openPages(() => browser)
  let counsellor: Page
  let youth: Page
  let activationUrl = ''
  let username = ''

  afterAll(() => pages.closeAll())


  step('a counsellor creates a young person’s wallet and issues a badge', async () => {
    counsellor = await pages.page({ locale, width: WIDTHS.desktop })
    await signIn(counsellor, 'claire')
    await switchLanguage(counsellor, locale)
    await counsellor.goto('/issuer/young-people/new')
    await counsellor.getByLabel(t('onboarding.youngPeople.new.displayName')).fill(c.youngPerson)
    await counsellor.getByRole('button', { name: t('onboarding.youngPeople.new.submit'), exact: true }).click()
    await counsellor.getByRole('heading', { name: t('onboarding.handover.activationTitle', { name: c.youngPerson }) }).waitFor()
    activationUrl = await findLinkOnPage(counsellor, '/activate/')
    await counsellor.getByRole('link', { name: t('onboarding.handover.issueTo', { name: firstName }) }).click()
    await counsellor.waitForURL((url) => url.pathname === '/issuer/issue')
    await counsellor.getByRole('combobox', { name: t('issuer.issue.fields.skill') }).fill(skill)
    await counsellor.keyboard.press('Escape')
    await counsellor.getByRole('radio', { name: t('issuer.levels.practising.label') }).check()
    await counsellor.getByRole('radio', { name: t('issuer.issue.fields.evidenceLevelWitnessed') }).check()
    await counsellor.getByRole('textbox', { name: t('issuer.issue.fields.criteria'), exact: true }).fill(locale === 'fr' ? 'A trié et rangé la réserve pendant un mois, avec méthode.' : 'Sorted and tidied the stockroom for a month, methodically.')
    await counsellor.getByRole('button', { name: t('issuer.issue.previewButton'), exact: true }).click()
    await counsellor.getByRole('button', { name: t('issuer.issue.preview.sign'), exact: true }).click()
    await counsellor.waitForURL((url) => url.pathname === '/issuer/issued')
  })

  step('the young person activates the account and opens “My data” from the navigation', async () => {
    youth = await pages.page({ locale, width: WIDTHS.phone })
    await youth.goto(activationUrl)
    await switchLanguage(youth, locale)
    await youth.getByLabel(t('onboarding.activate.password'), { exact: true }).fill(c.password)
    await youth.getByLabel(t('onboarding.activate.confirm'), { exact: true }).fill(c.password)
    await youth.getByRole('button', { name: t('onboarding.activate.submit'), exact: true }).click()
    await youth.waitForURL((url) => url.pathname === '/wallet')
    await followNav(youth, t('privacy.nav'))
    await youth.waitForURL((url) => url.pathname === '/privacy')
    await youth.getByRole('heading', { level: 1, name: t('privacy.title') }).waitFor()
    await checkScreen(youth, shot('01-my-data'))
  })

  step('she downloads all her data: one JSON file holding her badge as signed', async () => {
    const [download] = await Promise.all([
      youth.waitForEvent('download'),
      youth.getByRole('button', { name: t('privacy.export.action'), exact: true }).click(),
    ])
    expect(download.suggestedFilename()).toMatch(/^tremplin-.+-\d{4}-\d{2}-\d{2}\.json$/)
    const data = JSON.parse(await readFile((await download.path())!, 'utf8'))
    expect(data.format).toBe('tremplin-personal-data')
    expect(data.account.displayName).toBe(c.youngPerson)
    expect(data.holder.did).toMatch(/^did:key:z/)
    const badge = data.credentials.find((x: { title: string }) => x.title.includes(skill))
    expect(badge).toBeTruthy()
    expect(JSON.parse(badge.document).credentialSubject.id).toBe(data.holder.did)
    expect(JSON.stringify(data)).not.toMatch(/"(password\w*|token\w*|privateKey\w*|ciphertext)"\s*:/i)
    username = data.account.username
  })

  step('a wrong password is refused, and the username typed stays', async () => {
    await youth.getByLabel(t('privacy.delete.username'), { exact: true }).fill(username)
    await youth.getByLabel(t('privacy.delete.password'), { exact: true }).fill('not-my-password')
    await youth.getByRole('button', { name: t('privacy.delete.action'), exact: true }).click()
    await youth.getByText(t('privacy.delete.errors.wrongPassword'), { exact: true }).waitFor()
    expect(await youth.getByLabel(t('privacy.delete.username'), { exact: true }).inputValue()).toBe(username)
    await checkScreen(youth, shot('02-delete-error'))
  })

  step('she deletes her account and lands, signed out, on a page that says so', async () => {
    await youth.getByLabel(t('privacy.delete.password'), { exact: true }).fill(c.password)
    await youth.getByRole('button', { name: t('privacy.delete.action'), exact: true }).click()
    await youth.waitForURL((url) => url.pathname === '/account-deleted')
    await youth.getByRole('heading', { level: 1, name: t('privacy.deleted.title') }).waitFor()
    await checkScreen(youth, shot('03-deleted'))
    await youth.goto('/privacy')
    await youth.waitForURL((url) => url.pathname === '/sign-in')
  })

  step('she cannot sign in again', async () => {
    await youth.getByLabel(t('auth.signIn.identifier'), { exact: true }).fill(username)
    await youth.getByLabel(t('auth.signIn.password'), { exact: true }).fill(c.password)
    await youth.getByRole('main').getByRole('button', { name: t('auth.signIn.submit'), exact: true }).click()
    await youth.getByText(t('auth.signIn.errors.invalid'), { exact: true }).waitFor()
    expect(new URL(youth.url()).pathname).toBe('/sign-in')
  })
})
