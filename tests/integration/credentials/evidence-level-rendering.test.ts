import { createElement, type ReactElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { createTranslator, NextIntlClientProvider } from 'next-intl'
import { afterAll, describe, expect, test } from 'vitest'
import { CredentialCard, type Translate } from '@/app/_components/credential-card'
import { VerificationReport } from '@/app/_components/verification-report'
import { issueCredential } from '@/lib/credentials/issue'
import { issueForOrganisation } from '@/lib/issuing/service'
import { cardVerdict } from '@/lib/verification/card-verdict'
import { issuerStandingOfResult } from '@/lib/verification/issuer-standing'
import { verifyOnInstance } from '@/lib/verification/service'
import { toCard } from '@/lib/wallet/cards'
import en from '@/messages/en'
import fr from '@/messages/fr'
import { createTestRuntime } from '../../factories/runtime'
import { createWorld } from '../../factories/world'

// Every card (wallet, recruiter view, /verify: all render CredentialCard) says how the issuer
// knows, in the words defined once (common.evidence); a self-declared card never looks checked by
// an organisation; a card whose own checks did not pass states the level only as a claim.

const rt = await createTestRuntime()
const { org, alice } = await createWorld(rt)
afterAll(() => rt.cleanup())

const MESSAGES = { en, fr } as const
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')
const CLAIMS = { skill: { name: 'Travailler en équipe' }, level: 'practising', criteria: 'A tenu l’accueil du magasin deux semaines, avec calme.' }

async function render(locale: 'en' | 'fr', document: string, withStanding = false) {
  const t = createTranslator({ locale, messages: MESSAGES[locale], namespace: 'portfolio' }) as unknown as Translate
  const result = await verifyOnInstance(rt, { input: document })
  const element: ReactElement = createElement(CredentialCard, {
    card: toCard({ document }), t, locale, variant: 'full', verdict: cardVerdict({ result }),
    ...(withStanding ? { issuerStanding: issuerStandingOfResult(result), issuerLabel: 'Label from the registry' } : {}),
  })
  return renderToStaticMarkup(createElement(NextIntlClientProvider, { locale, messages: MESSAGES[locale], timeZone: 'Europe/Paris', children: element }))
}
const byOrg = async (claims: Record<string, unknown>) => (await issueForOrganisation(rt, { organisation: org, templateId: 'skill-badge', subjectDid: alice.did, claims })).document
const bySelf = async (format: 'di' | 'jwt' = 'di') => (await issueCredential({ agent: rt.agent, issuer: { did: alice.did, name: 'Alice' }, subjectDid: alice.did, templateId: 'skill-badge', claims: CLAIMS, format, publicUrl: rt.env.publicUrl })).document

describe('the evidence level on a card', () => {
  test('assessed and witnessed name the organisation, in both languages', async () => {
    const assessed = await byOrg({ ...CLAIMS, evidenceLevel: 'assessed' })
    const assessedEn = text(await render('en', assessed))
    expect(assessedEn).toContain('Assessed — Checked against criteria, for example a marked exercise or a practical test.')
    expect(assessedEn).toContain('Vouched for by Mission Locale Test')
    expect(text(await render('fr', assessed))).toContain('Évalué — Vérifié selon des critères, par exemple un exercice ou une mise en situation notée.')
    const witnessed = await byOrg(CLAIMS)
    const html = await render('en', witnessed)
    expect(text(html)).toContain('Seen in action — Someone from the organisation saw them do it.')
    expect(html).toContain('data-evidence-level="witnessed"')
    expect(text(await render('fr', witnessed))).toContain('Vu en situation — Quelqu’un de l’organisation l’a vu faire.')
  })

  test.each(['di', 'jwt'] as const)('self-declared (%s): the young person’s own words, no organisation look, no registry label', async (format) => {
    const html = await render('en', await bySelf(format), true)
    const words = text(html)
    expect(words).toContain('Self-declared — Said by the person themself: no organisation has checked it.')
    expect(words).toContain('In their own words')
    expect(words).toContain('Written by Alice, about themself')
    expect(words).not.toContain('Label from the registry')
    expect(words).not.toContain('Vouched for by')
    expect(words).not.toContain('Verified by Tremplin')
    expect(html).toContain('data-issuer-standing="self"')
    expect(html).not.toContain('pill--passed')
    expect(text(await render('fr', await bySelf(format)))).toContain('Déclaré — Dit par la personne elle-même : aucune organisation ne l’a vérifié.')
  })

  test('a credential that states no level shows none', async () => {
    const html = await render('en', await byOrg(CLAIMS))
    const card = toCard({ document: await byOrg(CLAIMS) })
    const { evidenceLevel: _, ...rest } = card
    const t = createTranslator({ locale: 'en', messages: en, namespace: 'portfolio' }) as unknown as Translate
    const none = renderToStaticMarkup(createElement(NextIntlClientProvider, { locale: 'en', messages: en, timeZone: 'Europe/Paris', children: createElement(CredentialCard, { card: { ...rest, evidenceLevel: null }, t, locale: 'en' }) }))
    expect(none).not.toContain('data-evidence-level')
    expect(text(none)).not.toMatch(/Seen in action|Assessed|Self-declared/)
    expect(html).toContain('data-evidence-level')
  })

  test('the verification report says plainly that a self-issued credential was issued by the person themself', async () => {
    const result = await verifyOnInstance(rt, { input: await bySelf() })
    for (const [locale, words] of [['en', 'Issued by the person themself'], ['fr', 'Émis par la personne elle-même']] as const) {
      const html = renderToStaticMarkup(createElement(NextIntlClientProvider, { locale, messages: MESSAGES[locale], timeZone: 'Europe/Paris', children: createElement(VerificationReport, { result }) }))
      const issuer = /<li[^>]*data-check="issuer" data-status="(\w+)"[^>]*>(.*?)<\/li>/.exec(html)
      expect(issuer?.[1]).toBe('unchecked')
      expect(text(issuer?.[2] ?? '')).toContain(words)
    }
  })
})
