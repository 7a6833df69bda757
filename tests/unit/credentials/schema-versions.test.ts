import { describe, expect, it } from 'vitest'
import { GET } from '@/app/schemas/[file]/route'
import { EVIDENCE_RESULT_ID } from '@/lib/credentials/evidence'
import { localSchemaResolver, schemaRefOfFile, schemaUrl } from '@/lib/credentials/schemas'
import { checkIssuer } from '@/lib/credentials/verify/checks'
import { issuerStandingOf } from '@/lib/verification/issuer-standing'
import { readLevel, templateFromSchema } from '@/lib/wallet/card-readers'

const BASE = 'https://tremplin.test'
const get = (file: string) => GET(new Request(`${BASE}/schemas/${file}`), { params: Promise.resolve({ file }) })

describe('published schema versions', () => {
  it('serves v1 at <template>.json and v2 at <template>.v2.json, each with its own $id; nothing else', async () => {
    for (const [file, id] of [
      ['skill-badge.json', 'urn:tremplin:schema:skill-badge:1'], ['skill-badge.v2.json', 'urn:tremplin:schema:skill-badge:2'],
      ['work-experience.json', 'urn:tremplin:schema:work-experience:1'], ['work-experience.v2.json', 'urn:tremplin:schema:work-experience:2'],
    ]) {
      const res = await get(file!)
      expect(res.status).toBe(200)
      expect((await res.json()).$id).toBe(id)
    }
    for (const file of ['skill-badge.v1.json', 'skill-badge.v3.json', 'diploma.json', 'skill-badge', '../skill-badge.json']) expect((await get(file)).status).toBe(404)
  })

  it('new credentials name v2; the resolver knows every version of this instance, and no other host’s', () => {
    expect(schemaUrl(BASE, 'skill-badge')).toBe(`${BASE}/schemas/skill-badge.v2.json`)
    expect(schemaUrl(BASE, 'work-experience', 1)).toBe(`${BASE}/schemas/work-experience.json`)
    const resolve = localSchemaResolver(BASE)
    expect(resolve(`${BASE}/schemas/skill-badge.json`)).toEqual({ templateId: 'skill-badge', version: 1 })
    expect(resolve(`${BASE}/schemas/work-experience.v2.json`)).toEqual({ templateId: 'work-experience', version: 2 })
    expect(resolve('https://elsewhere.example/schemas/skill-badge.v2.json')).toBeUndefined()
    expect(schemaRefOfFile('work-experience.v2.json')).toEqual({ templateId: 'work-experience', version: 2 })
  })

  it('templateFromSchema reads the template of either version', () => {
    const named = (id: string) => templateFromSchema({ credentialSchema: [{ id, type: 'JsonSchema' }] })
    expect(named(`${BASE}/schemas/skill-badge.json`)).toBe('skill-badge')
    expect(named(`${BASE}/schemas/skill-badge.v2.json`)).toBe('skill-badge')
    expect(named(`${BASE}/schemas/work-experience.v2.json`)).toBe('work-experience')
    expect(named('https://example.org/other.schema')).toBe('unknown')
  })
})

describe('readLevel', () => {
  const achievement = {
    resultDescription: [
      { id: EVIDENCE_RESULT_ID, rubricCriterionLevel: [{ id: 'urn:tremplin:evidence:assessed', name: 'Assessed against criteria' }] },
      { id: 'urn:tremplin:result:level', rubricCriterionLevel: [{ id: 'urn:tremplin:level:expert', name: 'Expert' }] },
    ],
  }
  it('reads the skill’s level, never the evidence level, whatever their order', () => {
    const evidence = { type: ['Result'], resultDescription: EVIDENCE_RESULT_ID, achievedLevel: 'urn:tremplin:evidence:assessed' }
    const level = { type: ['Result'], resultDescription: 'urn:tremplin:result:level', achievedLevel: 'urn:tremplin:level:expert' }
    expect(readLevel({ result: [evidence, level] }, achievement)).toEqual({ id: 'urn:tremplin:level:expert', label: 'Expert' })
    expect(readLevel({ result: [level, evidence] }, achievement)).toEqual({ id: 'urn:tremplin:level:expert', label: 'Expert' })
    expect(readLevel({ result: [evidence] }, achievement)).toBeNull()
  })
})

describe('the issuer check of a self-issued credential', () => {
  const did = 'did:key:z6MkSelf'
  const known = async () => ({ name: 'Anyone', status: 'approved' as const })
  it('is ISSUER_SELF, unchecked, before any registry lookup; a credential about someone else is looked up', async () => {
    const self = { issuer: { id: did, name: 'Samira' }, credentialSubject: { id: did } }
    const check = await checkIssuer(did, known, self)
    expect(check).toMatchObject({ id: 'issuer', status: 'unchecked', code: 'ISSUER_SELF', details: { did, name: 'Samira', self: true } })
    expect(issuerStandingOf(check)).toEqual({ standing: 'self', name: 'Samira' })
    expect(await checkIssuer(did, known, { issuer: did, credentialSubject: { id: 'did:key:z6MkOther' } })).toMatchObject({ code: 'ISSUER_KNOWN' })
    // Two subjects, one of them someone else: not self-issued.
    expect(await checkIssuer(did, known, { issuer: did, credentialSubject: [{ id: did }, { id: 'did:key:z6MkOther' }] })).toMatchObject({ code: 'ISSUER_KNOWN' })
  })
})
