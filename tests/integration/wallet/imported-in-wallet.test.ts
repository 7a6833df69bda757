import { createElement, type ReactElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { createTranslator, NextIntlClientProvider } from 'next-intl'
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest'
import { CredentialCard, type Translate } from '@/app/_components/credential-card'
import { VerificationReport } from '@/app/_components/verification-report'
import { headlineParts, type PortfolioCounts } from '@/lib/portfolio/binding'
import { createShare } from '@/lib/portfolio/service'
import { viewSharedPortfolio } from '@/lib/portfolio/view'
import { setRuntime } from '@/lib/runtime'
import { verifyOnInstance } from '@/lib/verification/service'
import { contentOf } from '@/lib/verification/cards'
import { importCredentials } from '@/lib/wallet/import'
import { credentialSegment } from '@/lib/wallet/paths'
import { getWalletCredentialOrThrow, listWalletCards } from '@/lib/wallet/service'
import en from '@/messages/en'
import fr from '@/messages/fr'
import { createTestRuntime, TEST_PUBLIC_URL } from '../../factories/runtime'
import { cookieJar, outcome, signInAs } from '../../helpers/next-mocks'
import { createWalletWorld, form } from './fixtures'
import { createForeignIssuer } from './foreign-issuer'

// Imported credentials live in the wallet with the others: listed, labelled "imported", verified
// again on their page, hidden and downloaded like any other, shared in a portfolio whose recruiter
// view shows one issued to another identifier apart, outside the signed presentation (decisions
// 011, 021). Owner only.

vi.mock('next/headers', async () => (await import('../../helpers/next-mocks')).nextHeaders)
vi.mock('next/cache', async () => (await import('../../helpers/next-mocks')).nextCache)

const { setHiddenAction } = await import('@/app/(youth)/wallet/actions')
const download = await import('@/app/(youth)/wallet/[id]/download/route')

type Rt = Awaited<ReturnType<typeof createTestRuntime>>
let rt: Rt
let w: Awaited<ReturnType<typeof createWalletWorld>>
const ELSEWHERE_DID = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK'
const IMPORTED_AT = new Date('2026-11-28T10:00:00Z')
/** Alice's imports: a DI badge issued to her identifier in another wallet, a VC-JWT issued to her did:key here. */
let other: { id: string; document: string }
let own: { id: string; document: string }

const alice = () => ({ id: w.alice.id, role: 'youth' })
const mallory = () => ({ id: w.mallory.id, role: 'youth' })
const get = (id: string) =>
  download.GET(new Request(`${TEST_PUBLIC_URL}/wallet/${credentialSegment(id)}/download`), { params: Promise.resolve({ id: credentialSegment(id) }) })
const MESSAGES = { en, fr } as const
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')
const render = (locale: 'en' | 'fr', element: ReactElement) =>
  text(renderToStaticMarkup(createElement(NextIntlClientProvider, { locale, messages: MESSAGES[locale], timeZone: 'Europe/Paris', children: element })))
const headline = (locale: 'en' | 'fr', counts: PortfolioCounts) => {
  const t = createTranslator({ locale, messages: MESSAGES[locale], namespace: 'portfolio.view' })
  return headlineParts(counts).map((p) => t(`headline.${p.key}`, { count: p.count, name: 'Alice' })).join(t('headline.separator'))
}
const cardText = (locale: 'en' | 'fr', card: Parameters<typeof CredentialCard>[0]['card']) =>
  render(locale, createElement(CredentialCard, { card, locale, t: createTranslator({ locale, messages: MESSAGES[locale], namespace: 'portfolio' }) as unknown as Translate }))

beforeAll(async () => {
  rt = await createTestRuntime()
  setRuntime(rt)
  w = await createWalletWorld(rt)
  const foreign = await createForeignIssuer()
  const di = JSON.stringify(await foreign.issueDi({ name: 'Tenir un stand', subjectDid: ELSEWHERE_DID }), null, 2)
  const jwt = await foreign.issueJwt({ name: 'Animer un atelier', subjectDid: w.alice.did })
  const result = await importCredentials(rt, alice(), JSON.stringify([JSON.parse(di), jwt]), { now: IMPORTED_AT })
  if (!result.ok || result.items.some((i) => i.outcome !== 'added')) throw new Error(`import failed: ${JSON.stringify(result)}`)
  other = { id: result.items[0]!.walletId!, document: JSON.stringify(JSON.parse(di)) }
  own = { id: result.items[1]!.walletId!, document: jwt }
})
afterAll(() => rt.cleanup())
beforeEach(() => cookieJar.clear())

describe('the wallet with imported credentials', () => {
  test('lists them with the issued ones, labelled imported (when, verified then), the other identifier named', async () => {
    const { visible } = await listWalletCards(rt, alice())
    expect(visible.map((c) => c.id)).toEqual(expect.arrayContaining([w.badge.id, w.jwtBadge.id, w.work.id, other.id, own.id]))
    const otherCard = visible.find((c) => c.id === other.id)!
    expect(otherCard).toMatchObject({
      title: 'Tenir un stand', format: 'di', status: 'valid',
      imported: { at: IMPORTED_AT.toISOString(), verified: true },
      otherIdentifier: { subject: ELSEWHERE_DID, holder: w.alice.did },
      issuer: { name: 'Académie du Bénévolat (Liège)' },
    })
    expect(visible.find((c) => c.id === own.id)).toMatchObject({ format: 'jwt', imported: { verified: true } })
    expect(visible.find((c) => c.id === own.id)!.otherIdentifier).toBeUndefined()
    expect(visible.find((c) => c.id === w.badge.id)!.imported).toBeUndefined()
    // Mallory sees none of them.
    expect((await listWalletCards(rt, mallory())).visible.map((c) => c.id)).toEqual([w.malloryBadge.id])
  })

  test('its card says "imported", when, and that it was issued to another identifier, in both languages', async () => {
    const card = (await listWalletCards(rt, alice())).visible.find((c) => c.id === other.id)!
    expect(cardText('en', card)).toContain('Imported Added from elsewhere on November 28, 2026; it was verified then.')
    expect(cardText('en', card)).toContain(`Issued to another identifier Issued to ${ELSEWHERE_DID}, held by ${w.alice.did}: Tremplin cannot tell whether both are the same person.`)
    expect(cardText('fr', card)).toContain('Importé Ajouté depuis ailleurs le 28 novembre 2026')
    expect(cardText('fr', card)).toContain('Délivré à un autre identifiant')
  })

  test('its page verifies it again now, with the wallet’s holder check, and keeps the result at import', async () => {
    const { card, now, atImport } = await getWalletCredentialOrThrow(rt, alice(), other.id)
    expect(card.id).toBe(other.id)
    expect(now.verified).toBe(true)
    expect(now.checks.map((c) => [c.id, c.status, c.code])).toEqual([
      ['proof', 'passed', 'PROOF_VALID'],
      ['holder', 'unchecked', 'SUBJECT_OTHER_IDENTIFIER'],
      ['validity', 'passed', 'IN_VALIDITY_PERIOD'],
      ['schema', 'unchecked', 'SCHEMA_NONE'],
      ['status', 'unchecked', 'STATUS_NONE'],
      ['issuer', 'unchecked', expect.any(String)],
    ])
    expect(atImport).toMatchObject({ verified: true, kind: 'credential' })
    // Issued ones are verified again too; they have no result at import.
    const issued = await getWalletCredentialOrThrow(rt, alice(), w.badge.id)
    expect(issued.now.verified).toBe(true)
    expect(issued.now.checks.find((c) => c.id === 'holder')).toMatchObject({ status: 'passed', code: 'SUBJECT_IS_HOLDER' })
    expect(issued.atImport).toBeNull()
  })

  test('the report names both identifiers in words', async () => {
    const { now } = await getWalletCredentialOrThrow(rt, alice(), other.id)
    const html = render('en', createElement(VerificationReport, { result: now }))
    expect(html).toContain(`Issued to ${ELSEWHERE_DID}, presented by ${w.alice.did}: the platform cannot tell whether both are the same person.`)
    expect(render('fr', createElement(VerificationReport, { result: now }))).toContain(`Délivrée à ${ELSEWHERE_DID}, présentée par ${w.alice.did}`)
  })

  test('hidden and shown again, downloaded as received (JWT byte for byte, JSON as the same document)', async () => {
    await signInAs(rt, w.alice.id)
    expect(await setHiddenAction(undefined, form({ credentialId: other.id, hidden: 'true' }))).toEqual({ ok: true, hidden: true })
    expect((await listWalletCards(rt, alice())).hidden.map((c) => c.id)).toEqual([other.id])
    expect(await setHiddenAction(undefined, form({ credentialId: other.id, hidden: 'false' }))).toEqual({ ok: true, hidden: false })

    const jwt = await get(own.id)
    expect(jwt.headers.get('content-type')).toBe('application/jwt')
    expect(jwt.headers.get('content-disposition')).toMatch(/filename="animer-un-atelier\.jwt"/)
    expect(await jwt.text()).toBe(own.document)
    const json = await get(other.id)
    expect(json.headers.get('content-disposition')).toMatch(/filename="tenir-un-stand\.json"/)
    const body = await json.text()
    expect(JSON.parse(body)).toEqual(JSON.parse(other.document))
    expect((await verifyOnInstance(rt, { input: body })).verified).toBe(true)
  })

  test('another young person cannot see, download or hide them; other roles are refused', async () => {
    await expect(getWalletCredentialOrThrow(rt, mallory(), other.id)).rejects.toMatchObject({ code: 'NOT_FOUND' })
    await expect(getWalletCredentialOrThrow(rt, { id: w.counsellor.id, role: 'counsellor' }, other.id)).rejects.toMatchObject({ code: 'FORBIDDEN' })
    await signInAs(rt, w.mallory.id)
    expect((await get(other.id)).status).toBe(404)
    expect(await setHiddenAction(undefined, form({ credentialId: other.id, hidden: 'true' }))).toEqual({ ok: false, error: 'notFound' })
    await signInAs(rt, w.recruiter.id)
    expect(await outcome(() => get(other.id))).toBe('forbidden')
    expect(await outcome(() => setHiddenAction(undefined, form({ credentialId: other.id, hidden: 'true' })))).toBe('forbidden')
  })
})

describe('imported credentials in a portfolio', () => {
  test('the signed presentation carries only what is bound to Alice; the credential issued to another identifier is verified apart and labelled', async () => {
    const share = await createShare(rt, alice(), { credentialIds: [w.badge.id, other.id, own.id], about: '', label: 'Mixte', expiresInDays: 30 })
    const view = await viewSharedPortfolio(rt, share.token)
    if (view.state !== 'active') throw new Error(view.state)
    expect(view.formats).toEqual(['di', 'jwt'])
    expect(view.result.verified).toBe(true)
    expect(view.cards.map((c) => c.id)).toEqual([w.badge.id, own.id])
    expect(view.result.checks.find((c) => c.id === 'holder')).toMatchObject({ status: 'passed', code: 'HOLDER_BOUND', details: { holder: w.alice.did } })
    expect(view.result.credentials!.map((r) => r.checks.find((c) => c.id === 'holder')?.code)).toEqual(['SUBJECT_IS_HOLDER', 'SUBJECT_IS_HOLDER'])
    expect(view.knownIssuers).toEqual(['Mission Locale Test', null])
    // Apart: genuine (verified as a credential), never counted with the proven ones.
    expect(view.apart.cards.map((c) => c.id)).toEqual([other.id])
    expect(view.apart.results.map((r) => r.verified)).toEqual([true])
    expect(view.apart.cards[0]!.otherIdentifier).toEqual({ subject: ELSEWHERE_DID, holder: w.alice.did, binding: 'unconfirmed' })
    expect(view.counts).toEqual({ proven: 2, selfDeclared: 0, otherIdentifier: 1, notVerified: 0 })
    expect(headline('en', view.counts)).toBe('2 skills proven as Alice’s; 1 genuine badge issued to another identifier')
    expect(headline('fr', view.counts)).toBe('2 compétences prouvées pour Alice\u00a0; 1 badge authentique délivré à un autre identifiant')
    expect(cardText('en', view.apart.cards[0]!)).toContain(`Issued to another identifier — cannot be confirmed as theirs It was issued to ${ELSEWHERE_DID}. Nothing proves that this identifier belongs to the person who shared this page.`)
    expect(cardText('fr', view.apart.cards[0]!)).toContain('Délivré à un autre identifiant — impossible de confirmer que c’est à cette personne')
  })

  test('the downloaded presentation is the signed one: it leaves the other identifier’s credential out, and verifies', async () => {
    const share = await createShare(rt, alice(), { credentialIds: [other.id, w.badge.id], about: '', label: 'Seul', expiresInDays: 30 })
    const { sharedPresentationFile } = await import('@/lib/portfolio/view')
    const file = await sharedPresentationFile(rt, share.token, 'di')
    const vp = JSON.parse(file.body)
    expect([vp.verifiableCredential].flat().map((c: { id: string }) => c.id)).toEqual([JSON.parse(w.badge.document).id])
    const result = await verifyOnInstance(rt, { input: file.body, challenge: vp.proof.challenge, domain: vp.proof.domain })
    expect(result.verified).toBe(true)
    // Only the other identifier's credential in the share: there is nothing to sign as hers.
    const alone = await createShare(rt, alice(), { credentialIds: [other.id], about: '', label: 'Autre', expiresInDays: 30 })
    await expect(sharedPresentationFile(rt, alone.token, 'di')).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })

  test('a presentation Alice signs with it anyway fails at /verify, and the card names both identifiers', async () => {
    const { createPresentation } = await import('@/lib/credentials/present')
    const vp = await createPresentation({ agent: rt.agent, holderDid: w.alice.did, credentials: [JSON.parse(other.document)], challenge: 'c-1', domain: TEST_PUBLIC_URL })
    const result = await verifyOnInstance(rt, { input: vp.document, challenge: 'c-1', domain: TEST_PUBLIC_URL })
    expect(result.verified).toBe(false)
    expect(result.credentials![0]!.checks.find((c) => c.id === 'holder')).toMatchObject({ status: 'failed', code: 'SUBJECT_NOT_HOLDER' })
    expect(contentOf(vp.document, result, new Date()).cards[0]?.otherIdentifier).toEqual({ subject: ELSEWHERE_DID, holder: w.alice.did })
  })
})
