import * as vc from '@digitalbazaar/vc'
import jsonld from 'jsonld'
import { afterAll, describe, expect, test } from 'vitest'
import { documentLoader } from '@/lib/credentials/document-loader'
import { issueCredential, type CredentialFormat } from '@/lib/credentials/issue'
import { pictogramDataUri } from '@/lib/credentials/pictograms/svg'
import { validateCredential } from '@/lib/credentials/schemas'
import { signingSuite } from '@/lib/credentials/suites'
import { TEMPLATES } from '@/lib/credentials/templates'
import { getCheck } from '@/lib/credentials/verify/result'
import { ed25519Signer, getDidKeys } from '@/lib/dids/signer'
import { verifyOnInstance } from '@/lib/verification/service'
import { createTestRuntime } from '../../factories/runtime'
import { createWorld } from '../../factories/world'

// Issue 12 §6: a badge carries its pictogram (OB 3.0 Achievement.image, a data: URI) and a title
// that starts with a capital; it still validates against its JSON Schema and the OB 3.0 context
// in safe mode, and verifies; a badge issued before, without image, verifies as before.

const NOW = new Date('2026-11-20T10:00:00Z')
const rt = await createTestRuntime()
const { org, alice } = await createWorld(rt, { now: NOW })
afterAll(() => rt.cleanup())

const ESCO_TEAM = { targetName: 'travailler en équipe', targetUrl: 'http://data.europa.eu/esco/skill/60c78287-22eb-4103-9c8c-28deaa460da0', targetFramework: 'ESCO' }
const SKILL = { skill: { name: 'travailler en équipe', alignment: [ESCO_TEAM] }, level: 'autonomous', criteria: 'A organisé seule la collecte de la banque alimentaire.' }
const WORK = { kind: 'internship', role: 'Vendeuse', place: { name: 'Boulangerie du Marché', locality: 'Roubaix' }, period: { start: '2026-05-04', end: '2026-06-26' }, tasks: ['Tenir la caisse'] }

const issue = (templateId: string, claims: Record<string, unknown>, format: CredentialFormat = 'di') =>
  issueCredential({ agent: rt.agent, issuer: { did: org.did, name: org.name }, subjectDid: alice.did, templateId, claims, format, publicUrl: rt.env.publicUrl, now: NOW })
type Achievement = { name: string; image?: { id: string; type: string } }
const achievementOf = (credential: Record<string, unknown>) => (credential.credentialSubject as { achievement: Achievement }).achievement

describe.each(['di', 'jwt'] as const)('a %s badge issued now', (format) => {
  test('skill badge: title capitalised, the pictogram of its family as an OB 3.0 Image, verified', async () => {
    const issued = await issue('skill-badge', SKILL, format)
    const achievement = achievementOf(issued.credential)
    expect(achievement.name).toBe('Travailler en équipe')
    expect(issued.credential.name).toBe('Travailler en équipe')
    expect(achievement.image).toEqual({ id: pictogramDataUri('communication'), type: 'Image' })
    expect(validateCredential('skill-badge', issued.credential)).toEqual([])
    const result = await verifyOnInstance(rt, { input: issued.document, now: NOW })
    expect(result.verified).toBe(true)
    expect(getCheck(result, 'proof')?.status).toBe('passed')
    expect(getCheck(result, 'schema')?.status).toBe('passed')
  })

  test('work experience: the pictogram of the role and skills, verified', async () => {
    const issued = await issue('work-experience', WORK, format)
    expect(achievementOf(issued.credential).image).toEqual({ id: pictogramDataUri('commerce'), type: 'Image' })
    expect((await verifyOnInstance(rt, { input: issued.document, now: NOW })).verified).toBe(true)
  })
})

describe('the image in JSON-LD', () => {
  test('expands in safe mode under the OB 3.0 context to the OB image property, an Image node', async () => {
    const { credential } = await issue('skill-badge', { ...SKILL, language: 'en', skill: { name: 'childcare' } })
    const expanded = await jsonld.expand(credential, { documentLoader, safe: true } as never)
    const text = JSON.stringify(expanded)
    expect(text).toContain('"https://purl.imsglobal.org/spec/vc/ob/vocab.html#image":[{"@id":"data:image/svg+xml;base64,')
    expect(text).toContain('"https://purl.imsglobal.org/spec/vc/ob/vocab.html#Image"')
    expect(achievementOf(credential)).toMatchObject({ name: 'Childcare', image: { id: pictogramDataUri('care') } })
  })

  test('tampering with the image breaks the proof', async () => {
    const { credential } = await issue('skill-badge', SKILL)
    const tampered = structuredClone(credential)
    achievementOf(tampered).image!.id = pictogramDataUri('other')
    const result = await verifyOnInstance(rt, { input: JSON.stringify(tampered), now: NOW })
    expect(result.verified).toBe(false)
    expect(getCheck(result, 'proof')?.status).toBe('failed')
  })
})

describe('a badge issued before issue 12 (no image, title as typed)', () => {
  test('validates and verifies as before', async () => {
    const built = TEMPLATES['skill-badge'].build(SKILL, {
      id: 'urn:uuid:6f1c1d1e-0000-4000-8000-000000000012', issuer: { did: org.did, name: org.name }, subjectDid: alice.did, now: NOW,
      schemaUrl: `${rt.env.publicUrl}/schemas/skill-badge.v2.json`, format: 'di',
    })
    const achievement = achievementOf(built)
    delete achievement.image
    achievement.name = 'travailler en équipe'
    ;(built as { name: string }).name = 'travailler en équipe'
    expect(validateCredential('skill-badge', built)).toEqual([])
    const signed = await vc.issue({ credential: built, suite: signingSuite(ed25519Signer(rt.agent, await getDidKeys(rt.agent, org.did)), NOW), documentLoader, now: NOW }) as Record<string, unknown>
    const result = await verifyOnInstance(rt, { input: JSON.stringify(signed), now: NOW })
    expect(result.verified).toBe(true)
    expect(achievementOf(signed).image).toBeUndefined()
  })
})
