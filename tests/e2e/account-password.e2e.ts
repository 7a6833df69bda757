import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect } from 'vitest'
import { launchBrowser, openPages } from './support/browser'
import { translator } from './support/messages'
import { followNav } from './support/nav'
import { checkScreen } from './support/screens'
import { DEMO_PASSWORD, signIn, switchLanguage } from './support/session'
import { journeySteps } from './support/steps'

// Passwords from the UI (decision 033), on a phone: the admin gives Mehdi (a demo counsellor no
// other browser test uses) a generated password; Mehdi signs in with it and changes it from the
// account menu — back to the demo password, so the demo world is as it was — and signs in with it.
const t = translator('fr')
const step = journeySteps()
let browser: Browser
const pages = openPages(() => browser, { timeoutMs: 30_000 })
let admin: Page
let mehdi: Page
let generated = ''

beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await pages.closeAll()
  await browser?.close()
})

describe('passwords', () => {
  step('the admin sets a generated password for Mehdi from Comptes, shown once', async () => {
    admin = await pages.page()
    await signIn(admin, 'admin')
    await switchLanguage(admin, 'fr') // an earlier test file may have left the account in English
    await followNav(admin, t('shell.nav.accounts'))
    await admin.waitForURL('**/admin/accounts')
    await admin.getByLabel(t('account.reset.account')).fill('mehdi')
    await admin.getByRole('button', { name: t('account.reset.submit'), exact: true }).click()
    const shown = admin.getByTestId('new-password')
    await shown.waitFor()
    generated = (await shown.textContent()) ?? ''
    expect(generated).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/)
    await admin.getByRole('heading', { name: /Mehdi Haddad \(mehdi\)/ }).waitFor()
    await checkScreen(admin, 'admin-accounts-fr-password-set')
  })

  step('Mehdi signs in with it and changes it from his account menu', async () => {
    mehdi = await pages.page()
    await signIn(mehdi, 'mehdi', generated)
    await switchLanguage(mehdi, 'fr')
    await mehdi.getByRole('button', { name: t('shell.account.label', { name: 'Mehdi Haddad' }) }).click()
    await mehdi.getByRole('link', { name: t('account.password.title'), exact: true }).click()
    await mehdi.waitForURL('**/account/password')
    await mehdi.getByLabel(t('account.password.current'), { exact: true }).fill(generated)
    await mehdi.getByLabel(t('account.password.new'), { exact: true }).fill('court')
    await mehdi.getByLabel(t('account.password.confirm'), { exact: true }).fill('court')
    await mehdi.getByRole('button', { name: t('account.password.submit'), exact: true }).click()
    await mehdi.getByText(t('account.password.errors.password_too_short'), { exact: true }).waitFor()
    await checkScreen(mehdi, 'account-password-fr-error')
    await mehdi.getByLabel(t('account.password.current'), { exact: true }).fill(generated)
    await mehdi.getByLabel(t('account.password.new'), { exact: true }).fill(DEMO_PASSWORD)
    await mehdi.getByLabel(t('account.password.confirm'), { exact: true }).fill(DEMO_PASSWORD)
    await mehdi.getByRole('button', { name: t('account.password.submit'), exact: true }).click()
    await mehdi.getByText(t('account.password.done'), { exact: true }).waitFor()
    await checkScreen(mehdi, 'account-password-fr-done')
    // This browser's session was renewed, not ended.
    await mehdi.reload()
    expect(new URL(mehdi.url()).pathname).toBe('/account/password')
  })

  step('the new password signs Mehdi in; the one the admin gave no longer does', async () => {
    const again = await pages.page()
    await again.goto('/sign-in')
    await again.getByLabel(t('auth.signIn.identifier'), { exact: true }).fill('mehdi')
    await again.getByLabel(t('auth.signIn.password'), { exact: true }).fill(generated)
    await again.getByRole('main').getByRole('button', { name: t('auth.signIn.submit'), exact: true }).click()
    await again.getByText(t('auth.signIn.errors.invalid'), { exact: true }).waitFor()
    await signIn(again, 'mehdi', DEMO_PASSWORD)
    expect(new URL(again.url()).pathname).toBe('/issuer')
  })
})
