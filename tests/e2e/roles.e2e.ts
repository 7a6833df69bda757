import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser, newContext, type Locale } from './support/browser'
import { translator } from './support/messages'
import { checkScreen } from './support/screens'
import { signIn, switchLanguage } from './support/session'

// A page is for a role: the wrong role gets the 403 page (not the content, not a crash), and a
// visitor is sent to sign in. (The HTTP status is not asserted: under a loading.tsx boundary the
// response is already streaming with 200 when the guard calls forbidden() or redirect().)

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

async function visitAs(username: string, path: string, locale: Locale = 'fr') {
  const ctx = await newContext(browser, { locale })
  const page = await ctx.newPage()
  await signIn(page, username)
  await switchLanguage(page, locale)
  await page.goto(path)
  return { ctx, page }
}

describe('roles', () => {
  it.each(['fr', 'en'] as const)('a recruiter visiting /wallet gets the 403 page (%s)', async (locale) => {
    const { ctx, page } = await visitAs('julie', '/wallet', locale)
    try {
      await page.getByRole('heading', { level: 1, name: translator(locale)('shell.forbidden.title') }).waitFor()
      expect(await page.getByRole('heading', { level: 1 }).count(), 'the 403 page and nothing of the wallet').toBe(1)
      await checkScreen(page, `roles-${locale}-403`)
    } finally {
      await ctx.close()
    }
  })

  it('a young person visiting /issuer/issue gets the 403 page', async () => {
    const { ctx, page } = await visitAs('samira', '/issuer/issue')
    try {
      await page.getByRole('heading', { level: 1, name: translator('fr')('shell.forbidden.title') }).waitFor()
      expect(await page.getByRole('heading', { level: 1 }).count(), 'the 403 page and nothing of the form').toBe(1)
    } finally {
      await ctx.close()
    }
  })

  it('a signed-in young person opening /sign-in is taken to the wallet instead', async () => {
    const { ctx, page } = await visitAs('samira', '/sign-in')
    try {
      await page.waitForURL((url) => url.pathname === '/wallet')
    } finally {
      await ctx.close()
    }
  })

  it('a visitor opening /wallet lands on the sign-in page', async () => {
    const ctx = await newContext(browser)
    try {
      const page = await ctx.newPage()
      await page.goto('/wallet')
      await page.waitForURL((url) => url.pathname === '/sign-in')
      await page.getByRole('heading', { level: 1, name: translator('fr')('auth.signIn.title') }).waitFor()
    } finally {
      await ctx.close()
    }
  })
})
