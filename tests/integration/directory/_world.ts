import { randomUUID } from 'node:crypto'
import { createUser } from '@/lib/auth/service'
import { EVIDENCE_RESULT_ID, evidenceLevelUri, type EvidenceLevel } from '@/lib/credentials/evidence'
import { insertCredential } from '@/lib/issuing/repository'
import { createOrganisation, getOrganisationOrThrow } from '@/lib/orgs/service'
import { createShare } from '@/lib/portfolio/service'
import type { Runtime } from '@/lib/runtime'
import type { RemoteStatus } from '@/db/enums'
import { createApprovedOrganisation } from '@/tests/factories/world'

// The directory's world: recruiters of approved and pending organisations, the other roles, and
// young people whose data is full of things a blind profile must never show — their names inside
// credential documents (a self-declared credential names them as its issuer, an imported one as
// its subject), an e-mail, a share, an experience and a story that mention them.

export const SKILL_TEAM = 'http://data.europa.eu/esco/skill/test-teamwork'
export const SKILL_CASH = 'http://data.europa.eu/esco/skill/test-cash'
export const SKILL_CARE = 'http://data.europa.eu/esco/skill/test-care'
export const SKILL_HIDDEN = 'http://data.europa.eu/esco/skill/test-hidden'
export const SKILL_REVOKED = 'http://data.europa.eu/esco/skill/test-revoked'
export const SKILL_EXPIRED = 'http://data.europa.eu/esco/skill/test-expired'
export const SKILL_SUSPENDED_ORG = 'http://data.europa.eu/esco/skill/test-suspended-org'
export const DCC_ISSUER = 'did:web:university.example'

export const SAMIRA_NAME = 'Samira Zéphyrine-Quillard'
export const SAMIRA_EXPERIENCE = 'Zéphyrine a tenu la caisse du club'
export const SAMIRA_STORY = 'Quillard raconte son histoire'

interface CredentialSpec {
  holder: { id: string; did: string }
  skills: { uri: string; label: string }[]
  level?: EvidenceLevel
  origin: 'issued' | 'imported' | 'self_declared'
  organisation?: { id: string; did: string; name: string }
  issuer?: { did: string; name: string }
  subjectName?: string
  validUntil?: string
  hidden?: boolean
  /** The subject, when it is not the holder's own DID (an imported credential issued to another identifier). */
  subjectDid?: string
  /** An imported one's last status re-check (lib/directory/recheck.ts): 'active' a minute ago unless said. */
  remoteStatus?: { status: RemoteStatus | null; checkedAt: string | null }
}

/** A stored credential as the issuing, import and self-declaring paths leave it (the directory reads only the database). */
export async function addCredential(rt: Runtime, spec: CredentialSpec): Promise<string> {
  const id = `urn:uuid:${randomUUID()}`
  const issuer = spec.origin === 'issued' ? { did: spec.organisation!.did, name: spec.organisation!.name } : spec.issuer!
  const now = new Date(Date.now() - 60_000).toISOString()
  const document = {
    '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
    id,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: spec.skills[0]!.label,
    issuer: { id: issuer.did, type: ['Profile'], name: issuer.name },
    validFrom: now,
    ...(spec.validUntil ? { validUntil: spec.validUntil } : {}),
    credentialSubject: {
      id: spec.subjectDid ?? spec.holder.did,
      type: ['AchievementSubject'],
      ...(spec.subjectName ? { name: spec.subjectName } : {}),
      achievement: {
        id: `urn:uuid:${randomUUID()}`, type: ['Achievement'], name: spec.skills[0]!.label,
        alignment: spec.skills.map((s) => ({ type: ['Alignment'], targetUrl: s.uri, targetName: s.label, targetType: 'ext:ESCOSkill' })),
      },
      ...(spec.level ? { result: [{ type: ['Result'], resultDescription: EVIDENCE_RESULT_ID, achievedLevel: evidenceLevelUri(spec.level) }] } : {}),
    },
  }
  await insertCredential(rt.db, {
    id, issuer_organisation_id: spec.origin === 'issued' ? spec.organisation!.id : null, issued_by_user_id: null, holder_user_id: spec.holder.id,
    subject_did: spec.subjectDid ?? spec.holder.did, template_id: 'skill-badge', format: 'di', document: JSON.stringify(document), title: spec.skills[0]!.label,
    valid_from: now, valid_until: spec.validUntil ?? null, created_at: now, hidden_at: spec.hidden ? now : null, language: 'fr',
    origin: spec.origin, imported_at: spec.origin === 'imported' ? now : null, issuer_did: issuer.did,
    ...(spec.origin === 'imported' ? { remote_status: spec.remoteStatus?.status ?? 'active', remote_status_checked_at: spec.remoteStatus ? spec.remoteStatus.checkedAt : now } : {}),
  })
  return id
}

export async function createDirectoryWorld(rt: Runtime) {
  const missionLocale = await createApprovedOrganisation(rt, { slug: 'ml-dir', name: 'Mission Locale Directe', kind: 'youth_support' })
  const bakery = await createApprovedOrganisation(rt, { slug: 'bakery-dir', name: 'Boulangerie Témoin', kind: 'employer' })
  const shop = await createApprovedOrganisation(rt, { slug: 'shop-dir', name: 'Épicerie Recrute', kind: 'employer' })
  const closed = await createApprovedOrganisation(rt, { slug: 'closed-dir', name: 'Organisme Suspendu', kind: 'training' })
  await createOrganisation(rt, { slug: 'pending-dir', name: 'Entreprise En Attente', kind: 'employer' })
  const pending = await getOrganisationOrThrow(rt, 'pending-dir')

  const user = (role: 'youth' | 'counsellor' | 'tutor' | 'recruiter' | 'admin', username: string, displayName: string, organisationId?: string, email?: string) =>
    createUser(rt, { role, username, displayName, password: 'correct horse battery', organisationId, email })
  const youth = async (username: string, displayName: string, email: string) => {
    const u = await user('youth', username, displayName, undefined, email)
    return { ...u, did: u.did! }
  }
  const w = {
    missionLocale, bakery, shop, closed, pending,
    recruiter: await user('recruiter', 'rita-recruiter', 'Rita Recruteuse', shop.id),
    otherRecruiter: await user('recruiter', 'omar-recruiter', 'Omar Recruteur', bakery.id),
    pendingRecruiter: await user('recruiter', 'paul-pending', 'Paul Attente', pending.id),
    counsellor: await user('counsellor', 'claire-dir', 'Claire Conseil', missionLocale.id),
    tutor: await user('tutor', 'karim-dir', 'Karim Tuteur', bakery.id),
    admin: await user('admin', 'admin-dir', 'Admin Dir'),
    samira: await youth('samira-zq', SAMIRA_NAME, 'samira.zephyrine@example.org'),
    lucas: await youth('lucas-dir', 'Lucas Dubreuil-Oxymore', 'lucas.oxymore@example.org'),
    nora: await youth('nora-dir', 'Nora Jamais-Inscrite', 'nora.jamais@example.org'),
  }
  const now = new Date().toISOString()

  // Samira: assessed teamwork (Mission Locale), witnessed cash handling (bakery), a self-declared
  // care skill naming her as issuer, an imported DCC-like credential with credentialSubject.name,
  // and credentials that must NOT count: hidden, revoked, expired, from a suspended organisation.
  const teamwork = await addCredential(rt, { holder: w.samira, origin: 'issued', organisation: missionLocale, level: 'assessed', skills: [{ uri: SKILL_TEAM, label: 'Travailler en équipe' }] })
  await addCredential(rt, { holder: w.samira, origin: 'issued', organisation: bakery, level: 'witnessed', skills: [{ uri: SKILL_CASH, label: 'Tenir une caisse' }] })
  await addCredential(rt, { holder: w.samira, origin: 'self_declared', issuer: { did: w.samira.did, name: SAMIRA_NAME }, level: 'self_declared', subjectName: SAMIRA_NAME, skills: [{ uri: SKILL_CARE, label: 'Prendre soin des autres' }] })
  await addCredential(rt, { holder: w.samira, origin: 'imported', issuer: { did: DCC_ISSUER, name: 'Université Exemple' }, subjectName: SAMIRA_NAME, level: 'assessed', skills: [{ uri: SKILL_CARE, label: 'Prendre soin des autres' }] })
  await addCredential(rt, { holder: w.samira, origin: 'issued', organisation: missionLocale, level: 'assessed', hidden: true, skills: [{ uri: SKILL_HIDDEN, label: 'Compétence cachée' }] })
  const revoked = await addCredential(rt, { holder: w.samira, origin: 'issued', organisation: missionLocale, level: 'assessed', skills: [{ uri: SKILL_REVOKED, label: 'Compétence révoquée' }] })
  await rt.db.insertInto('credential_status').values({ credential_id: revoked, revoked_at: now, revoked_reason: 'test', revoked_by: 'cli', suspended_at: null, suspended_reason: null, suspended_by: null, updated_at: now }).execute()
  await addCredential(rt, { holder: w.samira, origin: 'issued', organisation: missionLocale, level: 'assessed', validUntil: '2020-01-01T00:00:00Z', skills: [{ uri: SKILL_EXPIRED, label: 'Compétence expirée' }] })
  await addCredential(rt, { holder: w.samira, origin: 'issued', organisation: closed, level: 'assessed', skills: [{ uri: SKILL_SUSPENDED_ORG, label: 'Compétence d’un organisme suspendu' }] })
  await rt.db.updateTable('organisations').set({ status: 'suspended', suspended_at: now, suspended_by: 'cli', suspended_reason: 'test' }).where('id', '=', closed.id).execute()
  await rt.db.insertInto('external_issuers').values({ did: DCC_ISSUER, registry: 'dcc', name: 'Registre DCC des universités', url: null, location: null, loaded_at: now, loaded_by: 'cli' }).execute()

  await rt.db.insertInto('profiles').values({ user_id: w.samira.id, region: 'Hauts-de-France', availability: 'now', languages: JSON.stringify([{ code: 'fr', level: 'native' }, { code: 'ar', level: 'fluent' }]), updated_at: now }).execute()
  await rt.db.insertInto('profile_goals').values({ id: randomUUID(), user_id: w.samira.id, occupation_uri: null, label: 'Vendeuse en boulangerie', position: 0, created_at: now }).execute()
  await rt.db.insertInto('experiences').values({
    id: randomUUID(), user_id: w.samira.id, kind: 'informal', title: 'Caisse du club', place: 'Roubaix', started_on: '2024-09', ended_on: null,
    what_i_did: SAMIRA_EXPERIENCE, what_i_learned: 'Compter vite.', created_at: now, updated_at: now,
  }).execute()
  await rt.db.insertInto('skill_stories').values({
    id: randomUUID(), youth_user_id: w.samira.id, skill_uri: SKILL_CARE, skill_label: 'Prendre soin', situation: SAMIRA_STORY, what_i_did: SAMIRA_STORY, outcome: SAMIRA_STORY,
    experience_id: null, attester_user_id: null, attester_organisation_id: null, status: 'draft', proposal: null, decline_message: null, credential_id: null,
    evidence_level: null, created_at: now, updated_at: now, requested_at: null, decided_at: null,
  }).execute()
  const share = await createShare(rt, { id: w.samira.id, role: 'youth' }, { credentialIds: [teamwork], about: `Je suis ${SAMIRA_NAME}`, label: 'Pour les recruteurs', expiresInDays: 30, sections: ['path'] })

  // Lucas: witnessed teamwork (bakery), in Bretagne, available soon.
  await addCredential(rt, { holder: w.lucas, origin: 'issued', organisation: bakery, level: 'witnessed', subjectName: 'Lucas Dubreuil-Oxymore', skills: [{ uri: SKILL_TEAM, label: 'Travailler en équipe' }] })
  await rt.db.insertInto('profiles').values({ user_id: w.lucas.id, region: 'Bretagne', availability: 'soon', languages: '[]', updated_at: now }).execute()

  // Nora never opts in: a teamwork badge that must never show.
  await addCredential(rt, { holder: w.nora, origin: 'issued', organisation: missionLocale, level: 'assessed', skills: [{ uri: SKILL_TEAM, label: 'Travailler en équipe' }] })

  return { ...w, share }
}

export type DirectoryWorld = Awaited<ReturnType<typeof createDirectoryWorld>>

/** Everything that names or identifies a young person, which nothing a recruiter reaches may contain. */
export function secretsOf(w: DirectoryWorld, who: 'samira' | 'lucas' | 'nora'): string[] {
  const u = w[who]
  const base = [u.id, u.did, u.username, who === 'samira' ? SAMIRA_NAME : who === 'lucas' ? 'Lucas Dubreuil-Oxymore' : 'Nora Jamais-Inscrite']
  const names = who === 'samira' ? ['Samira', 'Zéphyrine', 'Quillard', 'samira.zephyrine@example.org', SAMIRA_EXPERIENCE, SAMIRA_STORY, w.share.token, w.share.id] : who === 'lucas' ? ['Oxymore', 'lucas.oxymore@example.org'] : ['Jamais-Inscrite', 'nora.jamais@example.org']
  return [...base, ...names]
}
