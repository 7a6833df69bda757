import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect } from 'vitest'
import { cp1252 } from '../integration/bulk/_bytes'
import { launchBrowser, openPages, type Locale } from './support/browser'
import { escapeRegExp, translator } from './support/messages'
import { checkScreen } from './support/screens'
import { signIn, switchLanguage } from './support/session'
import { journeySteps } from './support/steps'

// Issue 12 §7 in the browser: a counsellor uploads the semicolon CSV Excel saves on French Windows
// (Windows-1252 bytes); the preview says how it was read and shows the rows as they will be
// signed — "matinée", "Hélène" — she issues, and the young person's badge says "matinée". The same
// rows uploaded again are flagged as badges already held and set aside by default. French, then
// English; every screen passes axe and is photographed at 360 and 1280 px.

let browser: Browser
const pages = openPages(() => browser, { timeoutMs: 60_000 })
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await pages.closeAll()
  await browser?.close()
})

const OBSERVATION = 'Accueille les visiteurs toute la matinée avec Hélène, calmement.'

for (const locale of ['fr', 'en'] as const satisfies Locale[]) {
  describe(`a Windows-1252 CSV, previewed and signed with its accents (${locale})`, () => {
    const t = translator(locale)
    const step = journeySteps()
    const shot = (name: string) => `bulkenc-${locale}-${name}`
    /** A tag per run, so that the first upload holds no repeat even on a server used before. */
    const run = Math.random().toString(36).slice(2, 6)
    const skill = `Accueil du matin ${run}`
    const levels = locale === 'fr' ? ['Autonome', 'En pratique'] : ['Independent', 'Practising']
    const file = cp1252(['person;skill;level;observation;evidence_level', `samira;${skill};${levels[0]};"${OBSERVATION}";Vu en situation`, `lucas;${skill};${levels[1]};"${OBSERVATION}";`].join('\r\n') + '\r\n')
    let page: Page
    let bulkPath = ''

    const upload = async () => {
      await page.goto(bulkPath)
      await page.getByLabel(t('pilots.bulk.file'), { exact: true }).setInputFiles({ name: `excel-${run}.csv`, mimeType: 'text/csv', buffer: file })
      await page.getByRole('main').getByRole('button', { name: t('pilots.bulk.check'), exact: true }).click()
      await page.getByRole('heading', { level: 1, name: t('pilots.batch.title') }).waitFor()
    }

    step('the counsellor opens bulk issuing for a new pilot action', async () => {
      page = await pages.page({ locale })
      await signIn(page, 'claire')
      await switchLanguage(page, locale)
      await page.goto('/issuer/pilots/new')
      await page.getByLabel(t('pilots.form.name'), { exact: false }).first().fill(`Matinées ${run}`)
      await page.getByLabel(t('pilots.form.region'), { exact: false }).first().fill('Hauts-de-France')
      await page.getByLabel(t('pilots.form.startsOn'), { exact: false }).first().fill('2027-01-04')
      await page.getByLabel(t('pilots.form.endsOn'), { exact: false }).first().fill('2027-03-31')
      await page.getByRole('main').getByRole('button', { name: t('pilots.form.create'), exact: true }).click()
      await page.getByRole('heading', { level: 1, name: `Matinées ${run}` }).waitFor()
      bulkPath = `${new URL(page.url()).pathname}/bulk`
    })

    step('uploads the Windows-1252 semicolon file: the preview says how it was read and shows "matinée" and "Hélène"', async () => {
      await upload()
      const main = page.getByRole('main')
      await main.getByText(t('pilots.batch.readAs', { encoding: 'Windows-1252', delimiter: t('pilots.batch.delimiters.semicolon') })).waitFor()
      expect(await main.getByRole('list', { name: t('pilots.batch.countsLabel') }).textContent()).toContain(t('pilots.batch.ready', { count: 2 }))
      const sample = main.getByRole('region', { name: t('pilots.batch.sampleTitle') })
      const first = sample.locator('tr[data-sample-row="1"]')
      const text = (await first.textContent()) ?? ''
      expect(text).toContain(OBSERVATION)
      expect(text).toContain(skill)
      // The level word as the badge will carry it: its language is the counsellor's.
      expect(text).toContain(t('common.levels.autonomous'))
      expect(text).not.toContain('\uFFFD')
      expect(await sample.locator('tr[data-sample-row]').count()).toBe(2)
      await checkScreen(page, shot('preview'))
    })

    step('issues; the young person’s badge says "matinée"', async () => {
      await page.getByRole('main').getByRole('button', { name: t('pilots.batch.issueButton', { count: 2 }), exact: true }).click()
      await page.getByText(t('pilots.batch.doneTitle'), { exact: true }).waitFor({ timeout: 60_000 })
      const youth = await pages.page({ locale })
      await signIn(youth, 'samira')
      await youth.goto('/wallet')
      await youth.getByRole('main').getByRole('link', { name: new RegExp(escapeRegExp(skill), 'i') }).first().click()
      await youth.getByRole('main').getByText(OBSERVATION).first().waitFor()
      expect(await youth.getByRole('main').textContent()).not.toContain('\uFFFD')
      await checkScreen(youth, shot('wallet-badge'))
    })

    step('the same rows again: flagged as badges already held, set aside by default', async () => {
      await upload()
      const main = page.getByRole('main')
      const counts = (await main.getByRole('list', { name: t('pilots.batch.countsLabel') }).textContent()) ?? ''
      expect(counts).toContain(t('pilots.batch.skipped', { count: 2 }))
      expect(counts).not.toContain(t('pilots.batch.ready', { count: 2 }))
      const repeats = main.locator('section', { has: page.getByRole('heading', { name: t('pilots.batch.repeatsTitle') }) })
      expect(await repeats.locator('tr[data-repeat-row]').count()).toBe(2)
      // Skip is chosen for each row; there is nothing to issue until she chooses otherwise.
      for (const n of [1, 2]) expect(await repeats.getByRole('group', { name: t('pilots.batch.choiceLegend', { n }) }).getByLabel(t('pilots.batch.choiceSkip')).isChecked()).toBe(true)
      expect(await main.getByRole('button', { name: /^(Délivrer|Issue) \d/ }).count()).toBe(0)
      await checkScreen(page, shot('repeats'))
    })

    step('she may issue one again on purpose', async () => {
      const repeats = page.getByRole('main').locator('section', { has: page.getByRole('heading', { name: t('pilots.batch.repeatsTitle') }) })
      await repeats.getByRole('group', { name: t('pilots.batch.choiceLegend', { n: 1 }) }).getByLabel(t('pilots.batch.choiceIssue')).check()
      await repeats.getByRole('button', { name: t('pilots.batch.saveChoices'), exact: true }).click()
      await page.getByText(t('pilots.batch.choicesSaved')).waitFor()
      await page.getByRole('main').getByRole('button', { name: t('pilots.batch.issueButton', { count: 1 }), exact: true }).waitFor()
      await checkScreen(page, shot('repeat-chosen'))
    })
  })
}
