import { afterAll, describe, expect, test } from 'vitest'
import { issueCredential } from '@/lib/credentials/issue'
import { buildBlindProfiles } from '@/lib/directory/blind'
import { optIn } from '@/lib/directory/service'
import { insertCredential } from '@/lib/issuing/repository'
import { KEY_COMPETENCES_FRAMEWORK, KEY_COMPETENCES_URL } from '@/lib/issuing/issue-form'
import { keyCompetenceUri } from '@/lib/taxonomy/types'
import { createTestRuntime } from '../../factories/runtime'
import { createWorld } from '../../factories/world'

// Issue 12 §9: a blind profile shows EVERY skill a young person holds, each with its level and
// how the issuer knows. Before: every key competence shares one targetUrl (the Recommendation), so
// two badges aligned to two key competences were one skill; a badge aligned to nothing was none.

const NOW = new Date(Date.now() - 60_000)
const rt = await createTestRuntime()
const { org, alice } = await createWorld(rt)
afterAll(() => rt.cleanup())

const kc = (code: string, label: string) => ({ targetName: label, targetUrl: KEY_COMPETENCES_URL, targetCode: code, targetFramework: KEY_COMPETENCES_FRAMEWORK })

async function store(claims: Record<string, unknown>, issuer = { did: org.did, name: org.name }, organisationId: string | null = org.id) {
  const { credential, document } = await issueCredential({ agent: rt.agent, issuer, subjectDid: alice.did, templateId: 'skill-badge', claims, format: 'di', publicUrl: rt.env.publicUrl, now: NOW })
  await insertCredential(rt.db, {
    id: credential.id as string, issuer_organisation_id: organisationId, issued_by_user_id: null, holder_user_id: alice.id, subject_did: alice.did,
    template_id: 'skill-badge', format: 'di', document, title: String(credential.name), valid_from: NOW.toISOString(), valid_until: null,
    created_at: NOW.toISOString(), hidden_at: null, language: 'fr', origin: organisationId ? 'issued' : 'self_declared', imported_at: null, issuer_did: issuer.did,
  })
}

const criteria = 'Vu pendant trois semaines au point d’accueil de la mission locale.'

describe('a blind profile with several badges', () => {
  test('shows both key-competence badges, a badge aligned to nothing, each with its level and evidence; never a self-declared title', async () => {
    await store({ skill: { name: 'Compétence numérique', alignment: [kc('KC4', 'Compétence numérique')] }, level: 'autonomous', criteria, evidenceLevel: 'assessed' })
    await store({ skill: { name: 'Travailler avec les autres', alignment: [kc('KC5', 'Compétences personnelles et sociales et capacité d’apprendre à apprendre')] }, level: 'practising', criteria })
    await store({ skill: { name: 'garde d’enfants' }, level: 'discovering', criteria })
    // The young person vouching for themself, in their own words: never on a blind profile.
    await store({ skill: { name: 'Alice sait tout faire' }, level: 'expert', criteria }, { did: alice.did, name: 'Alice' }, null)
    const { handle } = await optIn(rt, { id: alice.id, role: 'youth' })

    const [profile] = await buildBlindProfiles(rt, [{ user_id: alice.id, handle }], { lang: 'en', now: new Date() })
    const skills = profile!.skills.map((s) => ({ uri: s.uri, label: s.label, skillLevel: s.skillLevel, bestLevel: s.bestLevel, issuers: s.sources.map((x) => x.issuer) }))
    expect(skills).toEqual([
      { uri: keyCompetenceUri('KC4'), label: 'Digital competence', skillLevel: 'autonomous', bestLevel: 'assessed', issuers: [{ kind: 'organisation', name: org.name }] },
      { uri: keyCompetenceUri('KC5'), label: 'Personal, social and learning to learn competence', skillLevel: 'practising', bestLevel: 'witnessed', issuers: [{ kind: 'organisation', name: org.name }] },
      { uri: expect.stringMatching(/^urn:uuid:.+#achievement$/), label: 'Garde d’enfants', skillLevel: 'discovering', bestLevel: 'witnessed', issuers: [{ kind: 'organisation', name: org.name }] },
    ])
    expect(JSON.stringify(profile)).not.toContain('Alice')
    expect(profile).toMatchObject({ region: null, availability: null })
  })

  test('the recruiters’ skill filter finds a key competence by the taxonomy’s own key (…#KC4)', async () => {
    const rows = await rt.db.selectFrom('credential_skills').select(['skill_uri', 'skill_level']).where('skill_uri', '=', keyCompetenceUri('KC4')).execute()
    expect(rows).toEqual([{ skill_uri: keyCompetenceUri('KC4'), skill_level: 'autonomous' }])
  })
})
