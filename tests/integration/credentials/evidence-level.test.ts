import * as vc from '@digitalbazaar/vc'
import { afterAll, describe, expect, test } from 'vitest'
import { documentLoader } from '@/lib/credentials/document-loader'
import { EVIDENCE_RESULT_ID, evidenceLevelOf } from '@/lib/credentials/evidence'
import { issueCredential, type CredentialFormat } from '@/lib/credentials/issue'
import { schemaUrl, validateCredential } from '@/lib/credentials/schemas'
import { signingSuite } from '@/lib/credentials/suites'
import { TEMPLATES } from '@/lib/credentials/templates'
import { getCheck } from '@/lib/credentials/verify/result'
import { ed25519Signer, getDidKeys } from '@/lib/dids/signer'
import { ValidationError } from '@/lib/errors'
import { insertCredential } from '@/lib/issuing/repository'
import { issueForOrganisation } from '@/lib/issuing/service'
import { contentOf } from '@/lib/verification/cards'
import { issuerStandingOfResult, registryIssuerName } from '@/lib/verification/issuer-standing'
import { verifyOnInstance } from '@/lib/verification/service'
import { toCard } from '@/lib/wallet/cards'
import { createTestRuntime } from '../../factories/runtime'
import { createWorld } from '../../factories/world'

// Evidence levels (how the issuer knows) signed into both templates as an OB 3.0 rubric, the skill
// story as an OB 3.0 Evidence entry, who may state which level, the schema versions (v1 credentials
// keep validating against v1), the issuer check of a self-issued credential, and the index.

const NOW = new Date('2026-11-20T10:00:00Z')
const rt = await createTestRuntime()
const { org, alice } = await createWorld(rt)
afterAll(() => rt.cleanup())

const SKILL = {
  skill: { name: 'Travailler en équipe', alignment: [{ targetName: 'travailler en équipe', targetUrl: 'http://data.europa.eu/esco/skill/60c78287-22eb-4103-9c8c-28deaa460da0', targetFramework: 'ESCO' }] },
  level: 'autonomous',
  criteria: 'A organisé seule la collecte de la banque alimentaire pendant trois samedis.',
}
const WORK = { kind: 'internship', role: 'Vendeuse', place: { name: 'Boulangerie du Marché', locality: 'Roubaix' }, period: { start: '2026-05-04', end: '2026-06-26' }, tasks: ['Accueillir les clients'] }
const STORY = { situation: 'La banque alimentaire manquait de bénévoles un samedi.', whatIDid: 'J’ai appelé trois amis et organisé les équipes.', outcome: 'La collecte a eu lieu, 400 kg récoltés.' }

const byOrg = (templateId: string, claims: Record<string, unknown>, format: CredentialFormat = 'di') =>
  issueCredential({ agent: rt.agent, issuer: { did: org.did, name: org.name }, subjectDid: alice.did, templateId, claims, format, publicUrl: rt.env.publicUrl, now: NOW })
const bySelf = (claims: Record<string, unknown>, format: CredentialFormat = 'di') =>
  issueCredential({ agent: rt.agent, issuer: { did: alice.did, name: 'Alice' }, subjectDid: alice.did, templateId: 'skill-badge', claims, format, publicUrl: rt.env.publicUrl, now: NOW })
const fieldErrors = (p: Promise<unknown>) => p.then(() => 'issued', (e: unknown) => (e instanceof ValidationError ? e.fieldErrors : e))
const evidenceResult = (credential: Record<string, unknown>) =>
  (credential.credentialSubject as { result: { resultDescription: string; achievedLevel: string }[] }).result.find((r) => r.resultDescription === EVIDENCE_RESULT_ID)
const sign = async (unsigned: Record<string, unknown>, did = org.did) =>
  vc.issue({ credential: unsigned, suite: signingSuite(ed25519Signer(rt.agent, await getDidKeys(rt.agent, did)), NOW), documentLoader, now: NOW }) as Promise<Record<string, unknown>>

describe.each(['di', 'jwt'] as const)('an organisation’s %s credential states how it knows', (format) => {
  test.each([
    ['skill-badge', SKILL], ['work-experience', WORK],
  ] as const)('%s: witnessed when the claims say nothing, assessed when they say so; v2 schema, verified, read back on the card', async (templateId, claims) => {
    for (const [given, expected] of [[undefined, 'witnessed'], ['assessed', 'assessed'], ['witnessed', 'witnessed']] as const) {
      const issued = await byOrg(templateId, given ? { ...claims, evidenceLevel: given } : claims, format)
      expect(evidenceResult(issued.credential)).toEqual({ type: ['Result'], resultDescription: EVIDENCE_RESULT_ID, achievedLevel: `urn:tremplin:evidence:${expected}` })
      const result = await verifyOnInstance(rt, { input: issued.document, now: NOW })
      expect(result.verified).toBe(true)
      expect(getCheck(result, 'schema')).toMatchObject({ status: 'passed', details: { schema: schemaUrl(rt.env.publicUrl, templateId), version: 2 } })
      expect(getCheck(result, 'issuer')).toMatchObject({ status: 'passed', code: 'ISSUER_KNOWN' })
      const card = toCard({ document: issued.document, format })
      expect(card.evidenceLevel).toBe(expected)
      expect(card.templateId).toBe(templateId)
    }
  })

  test('the rubric is written in the credential’s language, three levels, and the skill’s level is still read as the level', async () => {
    const { credential, document } = await byOrg('skill-badge', { ...SKILL, language: 'en', evidenceLevel: 'assessed' }, format)
    const achievement = (credential.credentialSubject as { achievement: { resultDescription: { id: string; name: string; rubricCriterionLevel: { id: string; name: string; level: string }[] }[] } }).achievement
    const rubric = achievement.resultDescription.find((d) => d.id === EVIDENCE_RESULT_ID)!
    expect(rubric.name).toBe('Evidence')
    expect(rubric.rubricCriterionLevel.map((l) => [l.id, l.level])).toEqual([
      ['urn:tremplin:evidence:self-declared', '1'], ['urn:tremplin:evidence:witnessed', '2'], ['urn:tremplin:evidence:assessed', '3'],
    ])
    expect(toCard({ document, format }).level).toEqual({ id: 'urn:tremplin:level:autonomous', label: 'Independent' })
  })

  test('an organisation may not state self_declared, and nothing is signed', async () => {
    expect(await fieldErrors(byOrg('skill-badge', { ...SKILL, evidenceLevel: 'self_declared' }, format)))
      .toEqual([{ path: '/evidenceLevel', message: 'may be self_declared only when the issuer is the subject' }])
    expect(await fieldErrors(byOrg('work-experience', { ...WORK, evidenceLevel: 'rumour' }, format)))
      .toEqual([{ path: '/evidenceLevel', message: expect.stringContaining('must be one of') }])
  })

  test('a tampered evidence level breaks the signature', async () => {
    const { credential, document } = await byOrg('skill-badge', SKILL, format)
    let tampered: string
    if (format === 'di') {
      const copy = structuredClone(credential)
      evidenceResult(copy)!.achievedLevel = 'urn:tremplin:evidence:assessed'
      tampered = JSON.stringify(copy)
    } else {
      const [header, payload, signature] = document.split('.')
      const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString())
      evidenceResult(claims.vc)!.achievedLevel = 'urn:tremplin:evidence:assessed'
      tampered = [header, Buffer.from(JSON.stringify(claims)).toString('base64url'), signature].join('.')
    }
    const result = await verifyOnInstance(rt, { input: tampered, now: NOW })
    expect(getCheck(result, 'proof')?.status).toBe('failed')
    expect(result.verified).toBe(false)
  })
})

describe('a credential the young person issues to themself', () => {
  test('is always self-declared: the default, and the only level allowed', async () => {
    const issued = await bySelf(SKILL)
    expect(evidenceResult(issued.credential)?.achievedLevel).toBe('urn:tremplin:evidence:self-declared')
    expect(evidenceLevelOf(issued.credential)).toBe('self_declared')
    expect(evidenceResult((await bySelf({ ...SKILL, evidenceLevel: 'self_declared' })).credential)?.achievedLevel).toBe('urn:tremplin:evidence:self-declared')
    for (const level of ['witnessed', 'assessed']) {
      expect(await fieldErrors(bySelf({ ...SKILL, evidenceLevel: level }))).toEqual([{ path: '/evidenceLevel', message: 'must be self_declared when the issuer is the subject' }])
    }
  })

  test.each(['di', 'jwt'] as const)('as %s: the issuer check says ISSUER_SELF (unchecked), never ISSUER_KNOWN; the card says self-declared, with no registry name', async (format) => {
    const { document } = await bySelf({ ...SKILL, story: STORY }, format)
    const result = await verifyOnInstance(rt, { input: document, now: NOW })
    expect(getCheck(result, 'proof')?.status).toBe('passed')
    expect(getCheck(result, 'schema')?.status).toBe('passed')
    expect(getCheck(result, 'issuer')).toMatchObject({ status: 'unchecked', code: 'ISSUER_SELF', details: { did: alice.did, name: 'Alice', self: true } })
    const standing = issuerStandingOfResult(result)
    expect(standing).toEqual({ standing: 'self', name: 'Alice' })
    expect(registryIssuerName(standing)).toBeNull()
    const content = contentOf(document, result, NOW)
    expect(content.cards[0]?.evidenceLevel).toBe('self_declared')
    expect(content.knownIssuers).toEqual([null])
  })

  test('an approved organisation’s DID naming itself as subject is still self-declared, not ISSUER_KNOWN', async () => {
    const issued = await issueCredential({ agent: rt.agent, issuer: { did: org.did, name: org.name }, subjectDid: org.did, templateId: 'skill-badge', claims: SKILL, publicUrl: rt.env.publicUrl, now: NOW })
    const result = await verifyOnInstance(rt, { input: issued.document, now: NOW })
    expect(getCheck(result, 'issuer')).toMatchObject({ status: 'unchecked', code: 'ISSUER_SELF' })
  })
})

describe('the skill story', () => {
  test('is signed as an OB 3.0 Evidence entry in the credential’s language, its three parts labelled, after the other evidence', async () => {
    const fr = await byOrg('skill-badge', { ...SKILL, evidence: [{ narrative: 'Planning tenu un mois.' }], story: STORY })
    expect(fr.credential.evidence).toEqual([
      { type: ['Evidence'], narrative: 'Planning tenu un mois.' },
      { type: ['Evidence'], name: 'Récit', genre: 'Récit de compétence', narrative: `La situation\u00a0:\n${STORY.situation}\n\nCe que j’ai fait\u00a0:\n${STORY.whatIDid}\n\nLe résultat\u00a0:\n${STORY.outcome}` },
    ])
    const en = await byOrg('skill-badge', { ...SKILL, language: 'en', story: STORY })
    expect(en.credential.evidence).toEqual([{ type: ['Evidence'], name: 'Skill story', genre: 'Skill story', narrative: expect.stringMatching(/^The situation:\n.*\n\nWhat I did:\n.*\n\nThe outcome:\n/s) }])
    expect(toCard({ document: en.document }).evidence).toEqual([{ name: 'Skill story', narrative: expect.stringContaining(STORY.outcome) }])
    expect((await verifyOnInstance(rt, { input: en.document, now: NOW })).verified).toBe(true)
  })

  test('each part is required, at most 2,000 characters of simple text; work experiences take no story', async () => {
    const paths = async (story: unknown, templateId = 'skill-badge', claims: Record<string, unknown> = SKILL) =>
      ((await fieldErrors(byOrg(templateId, { ...claims, story }))) as { path: string }[]).map((e) => e.path)
    expect(await paths({ situation: STORY.situation, whatIDid: STORY.whatIDid })).toEqual(['/story/outcome'])
    expect(await paths({ ...STORY, whatIDid: 'x'.repeat(2001) })).toEqual(['/story/whatIDid'])
    expect(await paths({ ...STORY, situation: 'bell\u0007' })).toEqual(['/story/situation'])
    expect(await paths({ ...STORY, extra: 'no' })).toEqual(['/story/extra'])
    expect(await paths(STORY, 'work-experience', WORK)).toEqual(['/story'])
    expect(await fieldErrors(byOrg('skill-badge', { ...SKILL, story: { ...STORY, situation: 'Ligne 1\nLigne 2\ttab', whatIDid: 'y'.repeat(2000) } }))).not.toBeInstanceOf(Array)
  })
})

describe('schema versions', () => {
  /** A skill badge as it was signed before evidence levels: v1 shape, v1 schema URL. */
  async function v1Credential() {
    const unsigned = TEMPLATES['skill-badge'].build(SKILL, {
      id: 'urn:uuid:00000000-0000-4000-8000-00000000e001', issuer: { did: org.did, name: org.name }, subjectDid: alice.did, now: NOW,
      schemaUrl: schemaUrl(rt.env.publicUrl, 'skill-badge', 1), format: 'di',
    }) as { credentialSubject: { achievement: { resultDescription: { id: string }[] }; result: { resultDescription: string }[] } }
    unsigned.credentialSubject.achievement.resultDescription = unsigned.credentialSubject.achievement.resultDescription.filter((d) => d.id !== EVIDENCE_RESULT_ID)
    unsigned.credentialSubject.result = unsigned.credentialSubject.result.filter((r) => r.resultDescription !== EVIDENCE_RESULT_ID)
    return unsigned as unknown as Record<string, unknown>
  }

  test('a v1 credential (no evidence level) still passes the schema check, against v1; its card states no level', async () => {
    const signed = await sign(await v1Credential())
    expect(validateCredential('skill-badge', signed, 1)).toEqual([])
    const result = await verifyOnInstance(rt, { input: signed, now: NOW })
    expect(getCheck(result, 'schema')).toMatchObject({ status: 'passed', code: 'SCHEMA_VALID', details: { schema: `${rt.env.publicUrl}/schemas/skill-badge.json`, version: 1 } })
    expect(result.verified).toBe(true)
    const card = toCard({ document: signed })
    expect(card).toMatchObject({ evidenceLevel: null, templateId: 'skill-badge', level: { id: 'urn:tremplin:level:autonomous' } })
  })

  test('the version the credential names is the one checked: v1 refuses a second result, v2 requires the evidence level', async () => {
    const v2 = (await byOrg('skill-badge', SKILL)).credential
    expect(validateCredential('skill-badge', v2, 1).map((e) => e.path)).toContain('/credentialSubject/result/1/achievedLevel')
    const v1 = await v1Credential()
    expect(validateCredential('skill-badge', v1, 2).length).toBeGreaterThan(0)
    // Signed correctly, but naming v2 without the evidence level: the schema check fails.
    const mislabelled = await sign({ ...v1, id: 'urn:uuid:00000000-0000-4000-8000-00000000e002', credentialSchema: [{ id: schemaUrl(rt.env.publicUrl, 'skill-badge', 2), type: 'JsonSchema' }] })
    const result = await verifyOnInstance(rt, { input: mislabelled, now: NOW })
    expect(getCheck(result, 'proof')?.status).toBe('passed')
    expect(getCheck(result, 'schema')).toMatchObject({ status: 'failed', code: 'SCHEMA_INVALID', details: { version: 2 } })
  })

  test.each(['skill-badge', 'work-experience'] as const)('a signed v2 %s with an evidence level outside the rubric fails the schema check', async (templateId) => {
    const { credential } = await byOrg(templateId, templateId === 'skill-badge' ? SKILL : WORK)
    const { proof: _, ...unsigned } = structuredClone(credential)
    evidenceResult(unsigned)!.achievedLevel = 'urn:tremplin:evidence:rumour'
    const signed = await sign({ ...unsigned, id: `urn:uuid:00000000-0000-4000-8000-00000000e0${templateId === 'skill-badge' ? '03' : '04'}` })
    const result = await verifyOnInstance(rt, { input: signed, now: NOW })
    expect(getCheck(result, 'proof')?.status).toBe('passed')
    expect(getCheck(result, 'schema')).toMatchObject({ status: 'failed', code: 'SCHEMA_INVALID', details: { version: 2 } })
    expect(result.verified).toBe(false)
  })
})

describe('the index of the skills each credential states', () => {
  test('insertCredential writes the evidence level of a newly issued credential on every skill row', async () => {
    const assessed = await issueForOrganisation(rt, { organisation: org, templateId: 'work-experience', subjectDid: alice.did, now: NOW, claims: {
      ...WORK, evidenceLevel: 'assessed',
      skills: [SKILL.skill.alignment[0], { targetName: 'Compétence numérique', targetUrl: 'https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32018H0604(01)', targetCode: 'KC4', targetFramework: 'EU key competences' }],
    } })
    const witnessed = await issueForOrganisation(rt, { organisation: org, templateId: 'skill-badge', subjectDid: alice.did, claims: SKILL, now: NOW })
    const rows = (id: string) => rt.db.selectFrom('credential_skills').select(['skill_uri', 'evidence_level']).where('credential_id', '=', id).orderBy('skill_uri').execute()
    expect(await rows(assessed.id)).toEqual([
      { skill_uri: SKILL.skill.alignment[0]!.targetUrl, evidence_level: 'assessed' },
      // Every key competence shares the Recommendation's URL: the index tells them apart by code.
      { skill_uri: 'https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32018H0604(01)#KC4', evidence_level: 'assessed' },
    ].sort((a, b) => a.skill_uri.localeCompare(b.skill_uri)))
    expect(await rows(witnessed.id)).toEqual([{ skill_uri: SKILL.skill.alignment[0]!.targetUrl, evidence_level: 'witnessed' }])

    const self = await bySelf(SKILL, 'jwt')
    await insertCredential(rt.db, {
      id: self.id, issuer_organisation_id: null, issuer_did: alice.did, issued_by_user_id: null, holder_user_id: alice.id, subject_did: alice.did,
      template_id: self.templateId, format: self.format, document: self.document, title: self.title, valid_from: self.validFrom, valid_until: null,
      created_at: NOW.toISOString(), language: 'fr', origin: 'self_declared',
    })
    expect(await rows(self.id)).toEqual([{ skill_uri: SKILL.skill.alignment[0]!.targetUrl, evidence_level: 'self_declared' }])
  })
})
