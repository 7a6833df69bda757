import { createElement, type ReactElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { createTranslator, NextIntlClientProvider } from 'next-intl'
import { beforeAll, afterAll, describe, expect, test } from 'vitest'
import { CredentialCard, type Translate } from '@/app/_components/credential-card'
import { VerificationReport } from '@/app/_components/verification-report'
import type { VerificationResult } from '@/lib/credentials/verify/result'
import { verifyOnInstance } from '@/lib/verification/service'
import { toCard } from '@/lib/wallet/cards'
import en from '@/messages/en'
import fr from '@/messages/fr'
import { createTestRuntime } from '../../factories/runtime'
import { createWalletWorld } from '../wallet/fixtures'

// The shared components rendered to HTML, as a server would, in both languages.

const MESSAGES = { en, fr } as const
const render = (locale: 'en' | 'fr', element: ReactElement) =>
  renderToStaticMarkup(createElement(NextIntlClientProvider, { locale, messages: MESSAGES[locale], timeZone: 'Europe/Paris', children: element }))
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')
/** Each rendered check: its data-status and its visible text. */
const checks = (html: string) => [...html.matchAll(/<li[^>]*data-check="(\w+)" data-status="(\w+)"[^>]*>(.*?)<\/li>/g)].map((m) => ({ id: m[1], status: m[2], text: text(m[3]!) }))

type Rt = Awaited<ReturnType<typeof createTestRuntime>>
let rt: Rt
let w: Awaited<ReturnType<typeof createWalletWorld>>
beforeAll(async () => {
  rt = await createTestRuntime()
  w = await createWalletWorld(rt)
})
afterAll(() => rt.cleanup())

describe('VerificationReport', () => {
  test('a verified credential: a headline, every check with its word, the known issuer by name, and what it does not prove', async () => {
    const result = await verifyOnInstance(rt, { input: w.badge.document })
    const html = render('en', createElement(VerificationReport, { result }))
    expect(text(html)).toContain('Verified')
    const rows = checks(html)
    expect(rows.map((r) => r.id)).toEqual(['proof', 'validity', 'schema', 'status', 'issuer'])
    for (const row of rows) expect(row.text).toContain({ passed: 'Passed', failed: 'Failed', unchecked: 'Not checked' }[row.status!])
    expect(rows.find((r) => r.id === 'issuer')!.text).toContain('Issued by Mission Locale Test')
    expect(rows.find((r) => r.id === 'status')).toMatchObject({ status: 'passed' })
    expect(rows.find((r) => r.id === 'status')!.text).toContain('neither withdrawn nor suspended')
    expect(text(html)).toContain('What a credential does not prove')
    expect(html.match(/<svg/g)?.length).toBeGreaterThanOrEqual(rows.length + 1) // an icon per check, and the headline's
  })

  test('an unknown issuer is said plainly; a failed check reads as failed; an unknown code falls back to the check’s generic words', () => {
    const result: VerificationResult = {
      verified: false, kind: 'credential', checks: [
        { id: 'proof', status: 'failed', code: 'SOMETHING_NEW', message: 'x' },
        { id: 'issuer', status: 'unchecked', code: 'ISSUER_UNKNOWN', message: 'x', details: { did: 'did:key:z6Mk' } },
        { id: 'validity', status: 'failed', code: 'EXPIRED', message: 'x', details: { validUntil: '2026-01-31T23:59:59Z' } },
      ],
    }
    const rows = checks(render('fr', createElement(VerificationReport, { result })))
    expect(rows[0]!.text).toContain('Échoué')
    expect(rows[0]!.text).toContain('La signature ne correspond pas')
    expect(rows[1]!.text).toContain('Émetteur inconnu')
    expect(rows[1]!.text).toContain('Non vérifié')
    expect(rows[2]!.text).toContain('Expirée le 31 janvier 2026')
  })

  test('a presentation lists its own checks, then each credential under its title', async () => {
    const result: VerificationResult = {
      verified: true, kind: 'presentation', checks: [{ id: 'holder', status: 'passed', code: 'HOLDER_BOUND', message: 'x' }],
      credentials: [{ verified: true, kind: 'credential', checks: [{ id: 'proof', status: 'passed', code: 'PROOF_VALID', message: 'x' }] }],
    }
    const html = text(render('en', createElement(VerificationReport, { result, titles: ['Respecter ses engagements'], titleLangs: ['fr'] })))
    expect(html).toContain(en.portfolio.report.presentation)
    expect(html).toContain('Respecter ses engagements')
  })
})

describe('CredentialCard', () => {
  test('labels follow the page’s language; the credential’s words keep theirs, marked with lang', () => {
    const t = createTranslator({ locale: 'en', messages: en, namespace: 'portfolio' }) as unknown as Translate
    const html = render('en', createElement(CredentialCard, { card: toCard({ document: w.badge.document }), t, locale: 'en', variant: 'full' }))
    expect(text(html)).toContain('Vouched for by')
    expect(html).toMatch(/<h3[^>]*lang="fr"[^>]*>Respecter ses engagements<\/h3>/)
    // A level of the rubric is named in the page's language, with its four steps (common.levels).
    expect(text(html)).toContain('Level 3 of 4: Independent')
    expect(text(html)).toContain('Written in French')
  })

  test('no lang attribute when the credential is in the page’s language', () => {
    const t = createTranslator({ locale: 'fr', messages: fr, namespace: 'portfolio' }) as unknown as Translate
    const html = render('fr', createElement(CredentialCard, { card: toCard({ document: w.badge.document }), t, locale: 'fr' }))
    expect(html).not.toContain('lang=')
    expect(text(html)).toContain('Attesté par')
  })
})

describe('messages', () => {
  test('wallet, shares and portfolio have the same keys in French and English', () => {
    const keys = (o: object, p = ''): string[] => Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' ? keys(v, `${p}${k}.`) : [`${p}${k}`]))
    for (const ns of ['wallet', 'shares', 'portfolio'] as const) expect(keys(fr[ns]).sort()).toEqual(keys(en[ns]).sort())
  })
})
