import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect } from 'vitest'
import { launchBrowser, openPages, type Locale } from './support/browser'
import { translator } from './support/messages'
import { checkScreen, screenshot } from './support/screens'
import { signIn, switchLanguage } from './support/session'
import { journeySteps } from './support/steps'
import { followNav } from './support/nav'

// Issue 5, part 3 in the browser: a counsellor creates a pilot action, uploads a CSV of 51 rows
// (50 young people of her organisation, one unknown), sees the preview with the bad row and why,
// issues, watches the progress, reads the report; a young person's wallet shows the new badge.
// The 50 young people: the demo's Samira and Lucas, and 48 the counsellor creates here through
// the onboarding page (as she would). Every main screen passes axe and is photographed.

/** A tag per run, so that the test can run again on the same server. */
const RUN = Math.random().toString(36).slice(2, 6)
const NEW_PEOPLE = 48

let browser: Browser
const pages = openPages(() => browser, { timeoutMs: 60_000 })
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await pages.closeAll()
  await browser?.close()
})

const pageFor = (locale: Locale) => pages.page({ locale })

describe('a counsellor issues 50 skill badges from a pilot action', () => {
  const locale: Locale = 'fr'
  const t = translator(locale)
  const step = journeySteps()
  const shot = (name: string) => `bulk-${locale}-${name}`
  const skill = `Accueil du public ${RUN}`
  let page: Page
  let pilotPath = ''
  const usernames: string[] = ['samira', 'lucas']

  step('the counsellor signs in and onboards 48 more young people', async () => {
    page = await pageFor(locale)
    await signIn(page, 'claire')
    // Claire's language is remembered on her account: another test file may have left it in English.
    await switchLanguage(page, locale)
    // The same 48 on every run (a second run on the same server only creates those missing).
    await page.goto('/issuer/young-people')
    const listed = (await page.getByRole('main').textContent()) ?? ''
    for (let i = 1; i <= NEW_PEOPLE; i++) {
      const username = `bulke2e${String(i).padStart(2, '0')}`
      usernames.push(username)
      if (new RegExp(`${username}(?!\\d)`).test(listed)) continue
      await page.goto('/issuer/young-people/new')
      await page.getByLabel(t('onboarding.youngPeople.new.displayName'), { exact: false }).first().fill(`Jeune ${i}`)
      await page.getByLabel(t('onboarding.youngPeople.new.username'), { exact: false }).first().fill(username)
      await page.getByRole('main').getByRole('button', { name: t('onboarding.youngPeople.new.submit'), exact: true }).click()
      await page.getByText(username, { exact: true }).first().waitFor()
    }
    expect(usernames).toHaveLength(50)
  }, 300_000)

  step('creates a pilot action from the navigation', async () => {
    await page.goto('/issuer')
    await followNav(page, t('pilots.nav'))
    await page.getByRole('heading', { level: 1, name: t('pilots.list.title') }).waitFor()
    await page.getByRole('main').getByRole('link', { name: t('pilots.list.new'), exact: true }).click()
    await page.getByLabel(t('pilots.form.name'), { exact: false }).first().fill(`Objectif emploi ${RUN}`)
    await page.getByLabel(t('pilots.form.description'), { exact: false }).first().fill('Trois mois de découverte des métiers de l’accueil.')
    await page.getByLabel(t('pilots.form.region'), { exact: false }).first().fill('Hauts-de-France')
    await page.getByLabel(t('pilots.form.startsOn'), { exact: false }).first().fill('2027-01-04')
    await page.getByLabel(t('pilots.form.endsOn'), { exact: false }).first().fill('2027-03-31')
    await checkScreen(page, shot('new-pilot'))
    await page.getByRole('main').getByRole('button', { name: t('pilots.form.create'), exact: true }).click()
    await page.getByRole('heading', { level: 1, name: `Objectif emploi ${RUN}` }).waitFor()
    pilotPath = new URL(page.url()).pathname
    await checkScreen(page, shot('pilot'))
  })

  step('uploads a CSV of 51 rows and sees the bad row and why; nothing issued yet', async () => {
    await page.getByRole('main').getByRole('link', { name: t('pilots.detail.bulkStart'), exact: true }).click()
    await page.getByRole('heading', { level: 1, name: t('pilots.bulk.title') }).waitFor()
    // The template downloads, with its columns.
    const template = await page.request.get('/issuer/pilots/template.csv')
    expect(template.status()).toBe(200)
    expect((await template.text()).split('\r\n')[0]).toBe('person,skill,level,observation,evidence_level,evidence_url,valid_until,language')
    await checkScreen(page, shot('bulk-start'))

    const rows = usernames.map((u, i) => `${u},${skill},${i % 2 ? 'practising' : 'autonomous'},"Accueille les visiteurs avec le sourire, oriente et renseigne.",,,fr`)
    rows.splice(20, 0, `personne-inconnue-${RUN},${skill},practising,"Accueille les visiteurs avec le sourire.",,,fr`)
    const csv = ['person,skill,level,observation,evidence_url,valid_until,language', ...rows].join('\r\n')
    await page.getByLabel(t('pilots.bulk.file'), { exact: true }).setInputFiles({ name: `pilote-${RUN}.csv`, mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') })
    await page.getByRole('main').getByRole('button', { name: t('pilots.bulk.check'), exact: true }).click()
    await page.getByRole('heading', { level: 1, name: t('pilots.batch.title') }).waitFor()

    const counts = page.getByRole('list', { name: t('pilots.batch.countsLabel') })
    await expect.poll(() => counts.textContent()).toContain(t('pilots.batch.ready', { count: 50 }))
    expect(await counts.textContent()).toContain(t('pilots.batch.invalid', { count: 1 }))
    const bad = page.locator('tr[data-row="21"]')
    expect(await bad.textContent()).toContain(`personne-inconnue-${RUN}`)
    expect(await bad.textContent()).toContain(t('pilots.errors.personNotFound'))
    expect(await page.locator('tr[data-row]').count()).toBe(1)
    await checkScreen(page, shot('preview'))
  })

  step('issues, watches the progress, and reads the report', async () => {
    await page.getByRole('main').getByRole('button', { name: t('pilots.batch.issueButton', { count: 50 }), exact: true }).click()
    // The progress bar shows while chunks run (50 badges may take only a few seconds).
    const progress = page.locator('#bulk-progress')
    await Promise.race([progress.waitFor({ state: 'visible', timeout: 10_000 }).then(() => screenshot(page, shot('progress'))), page.getByText(t('pilots.batch.doneTitle'), { exact: true }).waitFor()]).catch(() => undefined)
    await page.getByText(t('pilots.batch.doneTitle'), { exact: true }).waitFor({ timeout: 120_000 })
    const status = page.getByRole('main').getByRole('status').filter({ hasText: t('pilots.batch.doneTitle') })
    expect(await status.textContent()).toContain(t('pilots.batch.doneText', { issued: 50, notIssued: 1 }))

    await page.getByRole('main').locator('summary', { hasText: t('pilots.batch.reportTitle') }).click()
    expect(await page.getByRole('main').locator('td .pill', { hasText: new RegExp(`^${t('pilots.batch.statuses.issued')}$`) }).count()).toBe(50)
    await checkScreen(page, shot('report'))

    const href = await page.getByRole('main').getByRole('link', { name: t('pilots.batch.downloadReport') }).getAttribute('href')
    const report = await page.request.get(href!)
    expect(report.status()).toBe(200)
    const lines = (await report.text()).replace(/^\uFEFF/, '').trim().split('\r\n')
    expect(lines).toHaveLength(52)
    expect(lines.filter((l) => l.includes(',issued,'))).toHaveLength(50)
    expect(lines[21]).toContain(`personne-inconnue-${RUN}`)
    expect(lines[21]).toContain(t('pilots.errors.personNotFound'))
  }, 180_000)

  step('the young person finds the new badge in her wallet', async () => {
    const youth = await pageFor(locale)
    await signIn(youth, 'samira')
    await youth.goto('/wallet')
    await youth.getByText(skill).first().waitFor()
    await checkScreen(youth, shot('wallet'))
  })

  step('the same badge for two chosen participants of the pilot', async () => {
    await page.goto(pilotPath)
    await page.getByRole('main').locator('summary', { hasText: t('pilots.detail.addMembers') }).click()
    for (const u of ['bulke2e01', 'bulke2e02']) await page.getByRole('main').getByLabel(new RegExp(`@${u} `)).check()
    await page.getByRole('main').getByRole('button', { name: t('pilots.detail.addChosen'), exact: true }).click()
    await page.getByText(t('pilots.detail.saved'), { exact: true }).waitFor()
    for (const u of ['bulke2e01', 'bulke2e02']) expect(await page.getByRole('main').getByText(`@${u}`, { exact: true }).count()).toBe(1)
    await page.getByRole('main').getByRole('link', { name: t('pilots.detail.bulkStart'), exact: true }).click()
    const selection = page.getByRole('main').locator('section', { has: page.getByRole('heading', { name: t('pilots.bulk.selectionTitle') }) })
    for (const u of ['bulke2e01', 'bulke2e02']) await selection.getByLabel(new RegExp(`@${u}$`)).check()
    await selection.getByRole('combobox', { name: t('issuer.issue.fields.skill'), exact: true }).fill(`Ponctualité ${RUN}`)
    await selection.getByLabel(t('issuer.levels.practising.label'), { exact: false }).check()
    await selection.getByLabel(t('issuer.issue.fields.criteria'), { exact: false }).fill('À l’heure chaque matin pendant les trois mois.')
    await checkScreen(page, shot('selection'))
    await selection.getByRole('button', { name: t('pilots.bulk.checkSelection'), exact: true }).click()
    await page.getByRole('heading', { level: 1, name: t('pilots.batch.title') }).waitFor()
    await page.getByRole('main').getByRole('button', { name: t('pilots.batch.issueButton', { count: 2 }), exact: true }).click()
    await page.getByText(t('pilots.batch.doneTitle'), { exact: true }).waitFor({ timeout: 60_000 })
    expect(await page.getByRole('main').getByRole('status').filter({ hasText: t('pilots.batch.doneTitle') }).textContent()).toContain(t('pilots.batch.doneText', { issued: 2, notIssued: 0 }))
  })

  step('another role is refused the pilot pages', async () => {
    const youth = await pageFor(locale)
    await signIn(youth, 'lucas')
    const response = await youth.goto('/issuer/pilots')
    expect(response?.status()).toBe(403)
  })
})
