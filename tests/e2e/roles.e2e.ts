import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser, newContext, type Locale } from './support/browser'
import { translator } from './support/messages'
import { checkScreen } from './support/screens'
import { signIn, switchLanguage } from './support/session'

// A page is for a role: the wrong role gets the 403 page (not the content, not a crash) with a 403
// status, and a visitor is redirected to sign in. The route groups' layouts guard outside the
// pages' loading boundaries, so the status is set before anything streams.

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
  const response = await page.goto(path)
  return { ctx, page, status: response?.status() }
}

describe('roles', () => {
  it.each(['fr', 'en'] as const)('a recruiter visiting /wallet gets the 403 page (%s)', async (locale) => {
    const { ctx, page, status } = await visitAs('julie', '/wallet', locale)
    try {
      expect(status).toBe(403)
      await page.getByRole('heading', { level: 1, name: translator(locale)('shell.forbidden.title') }).waitFor()
      expect(await page.getByRole('heading', { level: 1 }).count(), 'the 403 page and nothing of the wallet').toBe(1)
      await checkScreen(page, `roles-${locale}-403`)
    } finally {
      await ctx.close()
    }
  })

  it('a young person visiting /issuer/issue gets the 403 page', async () => {
    const { ctx, page, status } = await visitAs('samira', '/issuer/issue')
    try {
      expect(status).toBe(403)
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
      const response = await page.goto('/wallet')
      const redirect = await response?.request().redirectedFrom()?.response()
      expect(redirect?.status(), 'a real HTTP redirect, not a page that moves itself').toBe(307)
      await page.waitForURL((url) => url.pathname === '/sign-in')
      await page.getByRole('heading', { level: 1, name: translator('fr')('auth.signIn.title') }).waitFor()
    } finally {
      await ctx.close()
    }
  })
})
