import { expect } from 'vitest'
import type { Page } from 'playwright-core'
import type { Locale } from './browser'
import { translator } from './messages'

export const DEMO_PASSWORD = 'tremplin-demo'

/** Signs in through the sign-in page, in whatever language it shows; waits until the role's home page. */
export async function signIn(page: Page, username: string, password = DEMO_PASSWORD) {
  await page.goto('/sign-in')
  const locale = await pageLocale(page)
  const t = translator(locale)
  await page.getByLabel(t('auth.signIn.identifier'), { exact: true }).fill(username)
  await page.getByLabel(t('auth.signIn.password'), { exact: true }).fill(password)
  await Promise.all([
    page.waitForURL((url) => url.pathname !== '/sign-in'),
    page.getByRole('main').getByRole('button', { name: t('auth.signIn.submit'), exact: true }).click(),
  ])
}

/** The language the page is shown in (`<html lang>`). */
export async function pageLocale(page: Page): Promise<Locale> {
  const lang = await page.locator('html').getAttribute('lang')
  if (lang !== 'fr' && lang !== 'en') throw new Error(`unexpected <html lang="${lang}">`)
  return lang
}

/** Switches the language with the header's buttons (as a person would), unless already shown in it. */
export async function switchLanguage(page: Page, locale: Locale) {
  if ((await pageLocale(page)) === locale) return
  const name = translator(locale)(`shell.language.${locale}`)
  const banner = page.getByRole('banner')
  await banner.getByRole('button', { name, exact: true }).click()
  await expect.poll(() => pageLocale(page), { timeout: 15_000 }).toBe(locale)
  await expect.poll(() => banner.getByRole('button', { name, exact: true }).getAttribute('aria-pressed')).toBe('true')
}
