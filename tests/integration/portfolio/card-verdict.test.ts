import { createElement, type ReactElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { createFormatter, createTranslator, NextIntlClientProvider } from 'next-intl'
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest'
import { CredentialCard, type Translate } from '@/app/_components/credential-card'
import { issueCredential } from '@/lib/credentials/issue'
import { createDidKey } from '@/lib/dids/signer'
import { insertCredential } from '@/lib/issuing/repository'
import { createShare } from '@/lib/portfolio/service'
import { viewSharedPortfolio } from '@/lib/portfolio/view'
import { cardVerdict, type CardVerdict } from '@/lib/verification/card-verdict'
import { contentOf } from '@/lib/verification/cards'
import { verifyOnInstance } from '@/lib/verification/service'
import { toCard } from '@/lib/wallet/cards'
import en from '@/messages/en'
import fr from '@/messages/fr'
import { createTestRuntime, TEST_PUBLIC_URL } from '../../factories/runtime'
import { createWalletWorld } from '../wallet/fixtures'

// A card says "verified" only when its OWN checks passed (issue 12): a tampered credential, on
// /verify, in the wallet or on the recruiter's page, shows no tick and no evidence level as a fact;
// an issuer's preview says it is not signed yet. Real signing, real verification.

const MESSAGES = { en, fr } as const
let locale: 'en' | 'fr' = 'en'
vi.mock('next-intl/server', () => ({
  getTranslations: async (namespace?: string) => createTranslator({ locale, messages: MESSAGES[locale], namespace: namespace as never }),
  getFormatter: async () => createFormatter({ locale, timeZone: 'Europe/Paris' }),
  getLocale: async () => locale,
}))
const { SkillList, PortfolioVerdict } = await import('@/app/(public)/p/[token]/skill-list')

type Rt = Awaited<ReturnType<typeof createTestRuntime>>
let rt: Rt
let w: Awaited<ReturnType<typeof createWalletWorld>>
let token: string
let strangerId: string

const render = (element: ReactElement, lang = locale) =>
  renderToStaticMarkup(createElement(NextIntlClientProvider, { locale: lang, messages: MESSAGES[lang], timeZone: 'Europe/Paris', children: element }))
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#x27;|&#39;/g, '\'').replace(/&quot;/g, '"').replace(/[ \t\r\n]+/g, ' ')
const cardHtml = (lang: 'en' | 'fr', document: string, verdict: CardVerdict) => {
  const t = createTranslator({ locale: lang, messages: MESSAGES[lang], namespace: 'portfolio' }) as unknown as Translate
  return render(createElement(CredentialCard, { card: toCard({ document }), t, locale: lang, variant: 'full', verdict }), lang)
}
/** The badge with its skill's name changed after signing. */
const tampered = () => {
  const doc = JSON.parse(w.badge.document) as { credentialSubject: { achievement: { name: string } } }
  doc.credentialSubject.achievement.name = 'Diriger une équipe de cinquante personnes'
  return JSON.stringify(doc)
}

beforeAll(async () => {
  rt = await createTestRuntime()
  w = await createWalletWorld(rt)
  const stranger = await createDidKey(rt.agent, 'stranger')
  const issued = await issueCredential({ agent: rt.agent, issuer: { did: stranger.did, name: 'Nobody Academy' }, subjectDid: w.alice.did, templateId: 'skill-badge', claims: w.claims.minimalEn, publicUrl: TEST_PUBLIC_URL, now: w.now })
  strangerId = issued.id
  await insertCredential(rt.db, {
    id: issued.id, issuer_organisation_id: w.org.id, holder_user_id: w.alice.id, subject_did: w.alice.did, template_id: 'skill-badge',
    format: 'di', document: issued.document, title: issued.title, valid_from: issued.validFrom, created_at: w.now.toISOString(), language: 'en',
  })
  token = (await createShare(rt, { id: w.alice.id, role: 'youth' }, { credentialIds: [w.badge.id, w.jwtBadge.id, w.work.id, strangerId], about: '', label: 'x', expiresInDays: 30 }, w.now)).token
})
afterAll(() => rt.cleanup())
beforeEach(() => {
  locale = 'en'
})

describe('a card’s own verdict, from a real verification', () => {
  test('a genuine badge is valid; its evidence level is stated as a fact, with one tick', async () => {
    const verdict = cardVerdict({ result: await verifyOnInstance(rt, { input: w.badge.document }) })
    expect(verdict).toEqual({ kind: 'valid' })
    const html = cardHtml('en', w.badge.document, verdict)
    expect(html.match(/pill--passed/g)).toHaveLength(1)
    expect(html).toContain('data-evidence-proven="true"')
    expect(text(html)).toContain('Verified')
  })

  test('a tampered badge (/verify): "not verified", the reason in plain words, no tick, the evidence level only as what the document claims', async () => {
    const document = tampered()
    const result = await verifyOnInstance(rt, { input: document })
    const { verdicts } = contentOf(document, result, new Date())
    expect(verdicts).toEqual([{ kind: 'notValid', severity: 'failed', problems: ['tampered'] }])
    for (const lang of ['en', 'fr'] as const) {
      const html = cardHtml(lang, document, verdicts[0]!)
      const words = text(html)
      expect(html).not.toContain('pill--passed')
      expect(html).toContain('data-evidence-proven="false"')
      expect(words).toContain(MESSAGES[lang].portfolio.verdict.notValid.failed)
      expect(words).toContain(MESSAGES[lang].portfolio.verdict.problems.tampered)
      expect(words).not.toContain(MESSAGES[lang].common.evidence.witnessed.definition)
      expect(words).not.toContain(MESSAGES[lang].portfolio.verdict.valid + ' ')
      expect(words).not.toContain(MESSAGES[lang].portfolio.card.status.valid)
    }
  })

  test('the issuer’s preview says it is not signed yet, never "valid" or "verified"', () => {
    for (const lang of ['en', 'fr'] as const) {
      const words = text(cardHtml(lang, w.badge.document, cardVerdict('preview')))
      expect(words).toContain(MESSAGES[lang].portfolio.verdict.preview)
      expect(words).not.toContain(MESSAGES[lang].portfolio.card.status.valid)
      expect(words).not.toMatch(lang === 'en' ? /\bVerified\b/ : /\bVérifié\b/)
    }
  })

  test('the level shows as four steps, in the words of common.levels; the title is capitalised for display', () => {
    const doc = JSON.parse(w.badge.document) as { credentialSubject: { achievement: { name: string } } }
    doc.credentialSubject.achievement.name = 'respecter ses engagements'
    const html = cardHtml('en', JSON.stringify(doc), { kind: 'notChecked', status: 'valid' })
    expect(html).toMatch(/data-level-step="\d"/)
    expect(text(html)).toMatch(/Level \d of 4: /)
    expect(html).toMatch(/>Respecter ses engagements</)
  })
})

describe('the recruiter’s view model', () => {
  test('one verdict from the cards’ own verdicts: the unknown issuer’s badge does not count, and says why', async () => {
    const view = await viewSharedPortfolio(rt, token, { now: w.now })
    if (view.state !== 'active') throw new Error(view.state)
    expect(view.firstName).toBe('Alice')
    expect(view.verdicts.map((v) => v.kind)).toEqual(['valid', 'valid', 'valid', 'notValid'])
    // Signed by a key no registry knows, with no status list: both said, neither counted as passed.
    expect(view.verdicts[3]).toEqual({ kind: 'notValid', severity: 'unchecked', problems: ['issuerUnknown', 'statusUnknown'] })
    expect(view.summary).toEqual({ proven: 3, shown: 4, ownWords: 0 })
    expect(view.cards[3]!.id).toBe(strangerId)
  })

  test('the first screen: "Skills checked: 3 of 4", each skill once, the one that did not check out with its reason', async () => {
    const view = await viewSharedPortfolio(rt, token, { now: w.now })
    if (view.state !== 'active') throw new Error(view.state)
    const items = view.cards.map((card, i) => ({ card, verdict: view.verdicts[i]!, issuer: view.knownIssuers[i] ?? 'Unknown issuer', standing: { standing: 'unknown' } as const }))
    for (const lang of ['en', 'fr'] as const) {
      locale = lang
      const verdict = text(render(await PortfolioVerdict({ summary: view.summary })))
      expect(verdict).toContain(lang === 'en' ? 'Skills checked: 3 of 4' : 'Compétences vérifiées\u00a0: 3 sur 4')
      const list = render(await SkillList({ items }))
      expect(list.match(/<li[^>]*data-card-verdict="valid"/g)).toHaveLength(3)
      expect(list.match(/<li[^>]*data-card-verdict="notValid"/g)).toHaveLength(1)
      expect(text(list)).toContain(MESSAGES[lang].portfolio.verdict.problems.issuerUnknown)
    }
  })
})
