import { describe, expect, it } from 'vitest'
import { EVIDENCE_RESULT_ID, evidenceLevelOf, evidenceLevelUri, isEvidenceLevel, skillsOf } from '@/lib/credentials/evidence'

const result = (achievedLevel: string, resultDescription = EVIDENCE_RESULT_ID) => ({ type: ['Result'], resultDescription, achievedLevel })
const credential = (issuer: unknown, subject: Record<string, unknown>) => ({ issuer, credentialSubject: { id: 'did:key:z6MkSam', ...subject } })

describe('evidenceLevelOf', () => {
  it('reads the evidence rubric’s achieved level, not the skill level’s', () => {
    const c = credential({ id: 'did:web:org' }, { result: [result('urn:tremplin:level:autonomous', 'urn:tremplin:result:level'), result(evidenceLevelUri('assessed'))] })
    expect(evidenceLevelOf(c)).toBe('assessed')
  })

  it('says null when no evidence level is stated, or an unknown one', () => {
    expect(evidenceLevelOf(credential('did:web:org', { result: [result('urn:tremplin:level:expert', 'urn:tremplin:result:level')] }))).toBeNull()
    expect(evidenceLevelOf(credential('did:web:org', { result: [result('urn:tremplin:evidence:sworn')] }))).toBeNull()
    expect(evidenceLevelOf(credential('did:web:org', {}))).toBeNull()
  })

  it('calls a credential its subject issued self-declared, whatever level it claims', () => {
    expect(evidenceLevelOf(credential('did:key:z6MkSam', { result: [result(evidenceLevelUri('assessed'))] }))).toBe('self_declared')
    expect(evidenceLevelOf(credential({ id: 'did:key:z6MkSam', name: 'Sam' }, {}))).toBe('self_declared')
  })

  it('writes the three levels as URNs', () => {
    expect(['self_declared', 'witnessed', 'assessed'].map((l) => evidenceLevelUri(l as never))).toEqual(['urn:tremplin:evidence:self-declared', 'urn:tremplin:evidence:witnessed', 'urn:tremplin:evidence:assessed'])
    expect(isEvidenceLevel('witnessed')).toBe(true)
    expect(isEvidenceLevel('sworn')).toBe(false)
  })
})

describe('skillsOf', () => {
  it('lists each aligned skill once, with its name, skipping alignments without a URL', () => {
    const c = credential('did:web:org', { achievement: { alignment: [
      { targetName: 'cuisiner', targetUrl: 'http://data.europa.eu/esco/skill/c' },
      { targetName: 'cuisiner encore', targetUrl: 'http://data.europa.eu/esco/skill/c' },
      { targetName: 'sans lien' },
      { targetUrl: 'http://data.europa.eu/esco/skill/d' },
    ] } })
    expect(skillsOf(c)).toEqual([{ uri: 'http://data.europa.eu/esco/skill/c', label: 'cuisiner' }, { uri: 'http://data.europa.eu/esco/skill/d', label: 'http://data.europa.eu/esco/skill/d' }])
  })
})
