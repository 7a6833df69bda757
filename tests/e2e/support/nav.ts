import type { Page } from 'playwright-core'
import { translator } from './messages'
import { pageLocale } from './session'

/** The role's navigation: the tab bar on a phone, the header's row on a wide screen (same element). */
export async function mainNav(page: Page) {
  const t = translator(await pageLocale(page))
  return page.getByRole('navigation', { name: t('shell.nav.label'), exact: true })
}

/**
 * Follows a link of the role's navigation as a person would: a tab, or an entry under "More"
 * (opened first when the link is not shown). `name` is the link's visible text.
 */
export async function followNav(page: Page, name: string) {
  const t = translator(await pageLocale(page))
  const nav = await mainNav(page)
  const link = nav.getByRole('link', { name, exact: true })
  if (!(await link.isVisible())) await nav.getByRole('button', { name: t('shell.tabs.more'), exact: true }).click()
  await link.click()
}
