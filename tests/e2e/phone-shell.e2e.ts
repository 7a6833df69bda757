import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser, openPages, WIDTHS, type Locale } from './support/browser'
import { findLinkOnPage } from './support/links'
import { translator, type T } from './support/messages'
import { followNav, mainNav } from './support/nav'
import { axeCheck, checkScreen, hideDevOverlay, SCREENSHOT_DIR } from './support/screens'
import { signIn, switchLanguage } from './support/session'
import { journeySteps } from './support/steps'

// Issue 12, point 4, an app on the phone, in French and in English. For each role, at 360 px: the
// header is one line; the navigation is a bar of at most five tabs fixed at the bottom, each at
// least 44 × 44 px, marking the current page; every tab and every entry under "More" leads where
// it says; the end of the page is not hidden under the bar. At 1280 px: no bar, the same links in
// the header's one row. Then a young person fresh from activation finds the first-steps checklist
// on the wallet, does one step and sees it ticked. Every screen passes axe and is photographed.

interface RoleCase {
  role: string
  username: string
  displayName: string
  tabs: { key: string; href: string }[]
  /** Message keys of the entries under "More", and where they lead. */
  more: { key: string; href: string }[]
}

const STAFF_TABS = [
  { key: 'home', href: '/issuer' }, { key: 'youngPeople', href: '/issuer/young-people' },
  { key: 'issue', href: '/issuer/issue' }, { key: 'attest', href: '/issuer/stories' },
]

const ROLES: RoleCase[] = [
  {
    role: 'youth', username: 'lucas', displayName: 'Lucas D.',
    tabs: [{ key: 'wallet', href: '/wallet' }, { key: 'profile', href: '/profile' }, { key: 'shares', href: '/wallet/shares' }, { key: 'contacts', href: '/contacts' }],
    more: [{ key: 'shell.nav.stories', href: '/stories' }, { key: 'privacy.nav', href: '/privacy' }],
  },
  {
    role: 'counsellor', username: 'claire', displayName: 'Claire Martin', tabs: STAFF_TABS,
    more: [{ key: 'shell.nav.issued', href: '/issuer/issued' }, { key: 'pilots.nav', href: '/issuer/pilots' }, { key: 'shell.nav.team', href: '/issuer/team' }],
  },
  { role: 'tutor', username: 'karim', displayName: 'Karim Benali', tabs: STAFF_TABS, more: [{ key: 'shell.nav.issued', href: '/issuer/issued' }, { key: 'shell.nav.team', href: '/issuer/team' }] },
  { role: 'recruiter', username: 'julie', displayName: 'Julie Lefèvre', tabs: [{ key: 'directory', href: '/directory' }, { key: 'contacts', href: '/contacts' }, { key: 'verify', href: '/verify' }], more: [] },
  { role: 'admin', username: 'admin', displayName: 'Administrateur Tremplin', tabs: [{ key: 'organisations', href: '/admin' }, { key: 'reports', href: '/admin/reports' }], more: [{ key: 'shell.nav.accounts', href: '/admin/accounts' }] },
]

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

/** What a phone shows without scrolling (a full-page screenshot draws the fixed bar mid-page). */
async function firstScreen(page: Page, name: string) {
  await hideDevOverlay(page)
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}-first-screen-${page.viewportSize()?.width}.png`), animations: 'disabled' })
}

async function box(page: Page, selector: Parameters<Page['locator']>[0]) {
  const b = await page.locator(selector).first().boundingBox()
  if (!b) throw new Error(`${selector} is not shown`)
  return b
}

/** Nothing sticks out sideways (a header too wide for the phone scrolls the whole page). */
async function expectNoSideScroll(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(page.viewportSize()!.width)
}

/** Only the current page's entry says it is current. */
async function expectCurrent(page: Page, t: T, c: RoleCase, href: string) {
  const nav = await mainNav(page)
  for (const tab of c.tabs) {
    const link = nav.getByRole('link', { name: t(`shell.tabs.${tab.key}`), exact: true })
    await expect.poll(() => link.getAttribute('aria-current'), { timeout: 15_000 }).toBe(tab.href === href ? 'page' : null)
  }
}

describe.each(['fr', 'en'] as const)('the phone shell in %s', (locale: Locale) => {
  const t = translator(locale)
  const pages = openPages(() => browser, { timeoutMs: 30_000 })
  afterAll(() => pages.closeAll())

  it('a visitor: a one-line header (brand, language, sign in) and no tab bar', async () => {
    const page = await pages.page({ locale, width: WIDTHS.phone })
    await page.goto('/sign-in')
    await switchLanguage(page, locale)
    expect((await box(page, 'header.site-header')).height).toBeLessThanOrEqual(64)
    expect(await page.getByRole('navigation', { name: t('shell.nav.label'), exact: true }).count()).toBe(0)
    await expectNoSideScroll(page)
    await page.getByRole('banner').getByRole('link', { name: t('shell.signIn'), exact: true }).waitFor()
    await checkScreen(page, `shell-${locale}-visitor`)
  })

  it.each(ROLES)('$role: a one-line header and a tab bar at 360 px, one row at 1280 px', async (c) => {
    const page = await pages.page({ locale, width: WIDTHS.phone })
    await signIn(page, c.username)
    await switchLanguage(page, locale)
    const nav = await mainNav(page)

    // The header: one line (brand, notifications, language, account), nothing wrapped under it.
    expect((await box(page, 'header.site-header')).height).toBeLessThanOrEqual(64)
    await expectNoSideScroll(page)

    // The bar: fixed at the bottom of the screen, ≤ 5 entries of at least 44 × 44 px.
    const entries = nav.locator(':scope > ul > li > :is(a, button)')
    expect(await entries.count()).toBe(c.tabs.length + (c.more.length ? 1 : 0))
    expect(await entries.count()).toBeLessThanOrEqual(5)
    const bar = (await nav.boundingBox())!
    expect(bar.y + bar.height).toBeCloseTo(800, 0)
    for (const entry of await entries.all()) {
      const b = (await entry.boundingBox())!
      expect(b.width, await entry.innerText()).toBeGreaterThanOrEqual(44)
      expect(b.height, await entry.innerText()).toBeGreaterThanOrEqual(44)
    }

    // Every tab leads to its page and is marked as the current one there.
    for (const tab of [...c.tabs].reverse()) {
      await followNav(page, t(`shell.tabs.${tab.key}`))
      await page.waitForURL((url) => url.pathname === tab.href)
      await expectCurrent(page, t, c, tab.href)
    }
    await checkScreen(page, `shell-${locale}-${c.role}`)
    await firstScreen(page, `shell-${locale}-${c.role}`)

    // The end of the page (the footer) scrolls clear of the bar.
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight))
    const footerText = await page.locator('footer.site-footer p').last().boundingBox()
    expect(footerText!.y + footerText!.height).toBeLessThanOrEqual((await nav.boundingBox())!.y)

    // Every entry under "More" too; the menu then marks it current and "More" says it holds it.
    for (const item of c.more) {
      await followNav(page, t(item.key))
      await page.waitForURL((url) => url.pathname === item.href)
      const more = nav.getByRole('button', { name: t('shell.tabs.more'), exact: true })
      await expect.poll(() => more.getAttribute('data-current')).toBe('true')
      await more.click()
      expect(await nav.getByRole('link', { name: t(item.key), exact: true }).getAttribute('aria-current')).toBe('page')
      if (item === c.more[0]) {
        await axeCheck(page, `${c.role}'s "More" menu at 360 px`)
        await firstScreen(page, `shell-${locale}-${c.role}-more`)
      }
      await page.keyboard.press('Escape')
      expect(await more.getAttribute('aria-expanded')).toBe('false')
    }

    // The account menu: the name and the way out, behind a 44 px button.
    // (the accessible name turns the French no-break space before ":" into a plain one)
    const account = page.getByRole('banner').getByRole('button', { name: t('shell.account.label', { name: c.displayName }).replace(/\u00a0/g, ' '), exact: true })
    await account.click()
    await page.getByRole('banner').getByRole('button', { name: t('shell.signOut'), exact: true }).waitFor()
    await axeCheck(page, `${c.role}'s account menu at 360 px`)
    await page.keyboard.press('Escape')

    // 1280 px: no bar; the same links in the header's one row.
    await page.setViewportSize({ width: WIDTHS.desktop, height: 800 })
    expect(await nav.evaluate((el) => getComputedStyle(el).position)).toBe('static')
    const header = await box(page, 'header.site-header')
    expect(header.height).toBeLessThanOrEqual(72)
    const tops = new Set<number>()
    for (const entry of await entries.all()) {
      const b = (await entry.boundingBox())!
      expect(b.y).toBeGreaterThanOrEqual(header.y)
      expect(b.y + b.height).toBeLessThanOrEqual(header.y + header.height)
      tops.add(Math.round(b.y))
    }
    expect(tops.size, 'one row').toBe(1)
  }, 240_000)
})

describe.each(['fr', 'en'] as const)('the first steps of a new young person in %s', (locale: Locale) => {
  const t = translator(locale)
  const step = journeySteps()
  const pages = openPages(() => browser, { timeoutMs: 30_000 })
  const name = locale === 'fr' ? `Inès Débuts ${Date.now().toString(36)}` : `Ivy Starts ${Date.now().toString(36)}`
  const password = locale === 'fr' ? 'mes-premiers-pas-fr' : 'my-first-steps-en'
  let youth: Page
  let activationUrl = ''
  afterAll(() => pages.closeAll())

  step('a counsellor creates the young person’s account', async () => {
    const counsellor = await pages.page({ locale, width: WIDTHS.desktop })
    await signIn(counsellor, 'claire')
    await switchLanguage(counsellor, locale)
    await counsellor.goto('/issuer/young-people/new')
    await counsellor.getByLabel(t('onboarding.youngPeople.new.displayName')).fill(name)
    await counsellor.getByRole('button', { name: t('onboarding.youngPeople.new.submit'), exact: true }).click()
    await counsellor.getByRole('heading', { name: t('onboarding.handover.activationTitle', { name }) }).waitFor()
    activationUrl = await findLinkOnPage(counsellor, '/activate/')
  })

  step('after activation, the wallet opens on three steps, none done', async () => {
    youth = await pages.page({ locale, width: WIDTHS.phone })
    await youth.goto(activationUrl)
    await switchLanguage(youth, locale)
    await youth.getByLabel(t('onboarding.activate.password'), { exact: true }).fill(password)
    await youth.getByLabel(t('onboarding.activate.confirm'), { exact: true }).fill(password)
    await youth.getByRole('button', { name: t('onboarding.activate.submit'), exact: true }).click()
    await youth.waitForURL((url) => url.pathname === '/wallet')
    const list = youth.getByRole('region', { name: t('wallet.checklist.title'), exact: true })
    await list.getByText(t('wallet.checklist.progress', { done: 0 }), { exact: true }).waitFor()
    for (const key of ['path', 'attestation', 'share']) {
      await list.getByRole('link', { name: `${t(`wallet.checklist.${key}.label`)} ${t('wallet.checklist.todo')}`, exact: true }).waitFor()
    }
    expect(await list.getByText(t('wallet.checklist.done'), { exact: true }).count()).toBe(0)
    await checkScreen(youth, `shell-${locale}-checklist-new`)
    await firstScreen(youth, `shell-${locale}-checklist-new`)
  })

  step('she writes a first piece of her path from the checklist, and the step is ticked', async () => {
    const list = youth.getByRole('region', { name: t('wallet.checklist.title'), exact: true })
    await list.getByRole('link', { name: new RegExp(`^${t('wallet.checklist.path.label')}`) }).click()
    await youth.waitForURL((url) => url.pathname === '/profile/experiences/new')
    await youth.getByRole('radio', { name: new RegExp(t('profile.kinds.informal')) }).check()
    await youth.getByLabel(t('profile.experienceForm.title'), { exact: true }).fill(locale === 'fr' ? 'Garder mes petits frères' : 'Looking after my little brothers')
    const start = youth.getByRole('group', { name: t('profile.experienceForm.start') })
    await start.getByLabel(t('profile.experienceForm.month'), { exact: true }).selectOption('09')
    await start.getByLabel(t('profile.experienceForm.year'), { exact: true }).selectOption(String(new Date().getFullYear() - 1))
    await youth.getByRole('checkbox', { name: t('profile.experienceForm.ongoing'), exact: true }).check()
    await youth.getByRole('button', { name: t('profile.experienceForm.save'), exact: true }).click()
    await youth.waitForURL((url) => url.pathname === '/profile')

    await followNav(youth, t('shell.tabs.wallet'))
    await youth.waitForURL((url) => url.pathname === '/wallet')
    await list.getByText(t('wallet.checklist.progress', { done: 1 }), { exact: true }).waitFor()
    await list.getByRole('link', { name: `${t('wallet.checklist.path.label')} ${t('wallet.checklist.done')}`, exact: true }).waitFor()
    await list.getByRole('link', { name: `${t('wallet.checklist.share.label')} ${t('wallet.checklist.todo')}`, exact: true }).waitFor()
    await checkScreen(youth, `shell-${locale}-checklist-one-done`)
    await firstScreen(youth, `shell-${locale}-checklist-one-done`)
  })
})
