import { randomUUID } from 'node:crypto'
import { createUser } from '@/lib/auth/service'
import { hashPassword } from '@/lib/auth/password'
import { decideRequest, reportRecruiter, sendMessage } from '@/lib/contacts/service'
import { createShare } from '@/lib/portfolio/service'
import type { Runtime } from '@/lib/runtime'
import { hashToken } from '@/lib/security/tokens'
import { setCredentialHidden } from '@/lib/wallet/service'
import { createLinkChallenge, linkIdentifier } from '@/lib/identifiers/service'
import { createWalletWorld } from '../wallet/fixtures'
import { createOtherWallet } from '../identifiers/other-wallet'

export const ALICE_PASSWORD = 'alice-correct-horse-1'
export const ACTIVATION_TOKEN = 'activation-token-of-alice-000000000000'

/**
 * Alice with one of everything a young person can have: a password, a profile (region, languages,
 * goals, an experience linked to a credential), issued credentials (one with a photo, one hidden),
 * an imported one, a share with a section, a pilot membership, a bulk row, an activation link; and
 * the network: a skill story, a self-declared credential, a directory entry, an accepted contact
 * with messages both ways, a recruiter reported and blocked, her consent log. Mallory has a contact too.
 */
export async function createPrivacyWorld(rt: Runtime) {
  const w = await createWalletWorld(rt)
  const alice = { id: w.alice.id, role: 'youth' }
  const now = new Date().toISOString()
  await rt.db.updateTable('users').set({ password_hash: await hashPassword(ALICE_PASSWORD), email: 'alice@example.org', activated_at: now }).where('id', '=', w.alice.id).execute()
  await rt.db.insertInto('profiles').values({ user_id: w.alice.id, region: 'Hauts-de-France', availability: 'now', languages: JSON.stringify([{ code: 'fr', level: 'native' }]), updated_at: now }).execute()
  await rt.db.insertInto('profile_goals').values({ id: randomUUID(), user_id: w.alice.id, occupation_uri: null, label: 'Animatrice sportive', position: 0, created_at: now }).execute()
  const experienceId = randomUUID()
  await rt.db.insertInto('experiences').values({
    id: experienceId, user_id: w.alice.id, kind: 'informal', title: 'Coach de foot des petits', place: 'Club de Wattrelos',
    started_on: '2024-09', ended_on: null, what_i_did: 'J’entraînais les 8-10 ans.', what_i_learned: 'Être patiente.', created_at: now, updated_at: now,
  }).execute()
  await rt.db.insertInto('credential_experiences').values({ credential_id: w.badge.id, experience_id: experienceId }).execute()
  await setCredentialHidden(rt, alice, w.jwtBadge.id, true)

  const importedId = `urn:uuid:${randomUUID()}`
  await rt.db.insertInto('credentials').values({
    id: importedId, issuer_organisation_id: null, issued_by_user_id: null, holder_user_id: w.alice.id, subject_did: w.alice.did,
    template_id: 'skill-badge', format: 'di', document: JSON.stringify({ id: importedId, issuer: 'did:web:elsewhere.example', credentialSubject: { id: w.alice.did } }),
    title: 'Badge d’ailleurs', valid_from: now, valid_until: null, created_at: now, hidden_at: null, evidence_photo: null, evidence_photo_type: null,
    language: 'fr', origin: 'imported', imported_at: now, import_verification: JSON.stringify({ verified: true, checks: [] }), issuer_did: 'did:web:elsewhere.example',
  }).execute()

  const share = await createShare(rt, alice, { credentialIds: [w.badge.id, w.work.id], about: 'Je cherche un stage.', label: 'Stage animation', expiresInDays: 30, sections: ['path'] })

  const pilotId = randomUUID()
  await rt.db.insertInto('pilot_actions').values({ id: pilotId, organisation_id: w.org.id, name: 'Été sportif', region: null, starts_on: '2026-06-01', ends_on: '2026-09-30', created_by: w.counsellor.id, created_at: now }).execute()
  await rt.db.insertInto('pilot_members').values({ pilot_id: pilotId, user_id: w.alice.id, role: 'youth', added_at: now }).execute()
  const batchId = randomUUID()
  await rt.db.insertInto('bulk_batches').values({ id: batchId, organisation_id: w.org.id, pilot_id: pilotId, template_id: 'work-experience', format: 'di', source: 'selection', file_name: null, status: 'done', total_rows: 1, created_by: w.counsellor.id, created_at: now, started_at: now, finished_at: now }).execute()
  await rt.db.insertInto('bulk_rows').values({ batch_id: batchId, row_number: 1, holder_user_id: w.alice.id, subject_did: w.alice.did, claims: '{}', status: 'issued', error: null, credential_id: w.work.id, issued_at: now }).execute()
  await rt.db.insertInto('account_links').values({
    id: randomUUID(), token_hash: hashToken(ACTIVATION_TOKEN), purpose: 'activation', user_id: w.alice.id, organisation_id: w.org.id, role: 'youth',
    email: 'alice@example.org', created_by: w.counsellor.id, created_at: now, expires_at: new Date(Date.now() + 86400e3).toISOString(), used_at: now,
  }).execute()
  return { ...w, importedId, share, experienceId, pilotId, batchId, ...(await addNetwork(rt, w)), ...(await addLink(rt, w)) }
}

/**
 * A linked identifier (decision 021), made through the service with a real presentation signed by
 * her other wallet's key; plus an open challenge and a refused attempt (its counter) left behind.
 */
async function addLink(rt: Runtime, w: Awaited<ReturnType<typeof createWalletWorld>>) {
  const alice = { id: w.alice.id, role: 'youth' }
  const otherWallet = await createOtherWallet()
  const challenge = await createLinkChallenge(rt, alice, otherWallet.did)
  const linked = await linkIdentifier(rt, alice, { challengeId: challenge.id, text: await otherWallet.presentDi({ challenge: challenge.challenge, domain: challenge.domain }) })
  if (!linked.ok) throw new Error(`link: ${linked.code}`)
  const open = await createLinkChallenge(rt, alice, (await createOtherWallet()).did)
  await linkIdentifier(rt, alice, { challengeId: open.id, text: '' })
  return { linkedDid: otherWallet.did }
}

async function addNetwork(rt: Runtime, w: Awaited<ReturnType<typeof createWalletWorld>>) {
  const now = new Date().toISOString()
  const storyId = randomUUID()
  await rt.db.insertInto('skill_stories').values({
    id: storyId, youth_user_id: w.alice.id, skill_uri: null, skill_label: 'Animer un groupe', situation: 'Au club', what_i_did: 'J’ai mené l’échauffement.', outcome: 'Les petits ont suivi.',
    experience_id: null, attester_user_id: w.counsellor.id, attester_organisation_id: w.org.id, status: 'requested', proposal: null, decline_message: null,
    credential_id: null, evidence_level: null, created_at: now, updated_at: now, requested_at: now, decided_at: null,
  }).execute()
  const selfDeclaredId = `urn:uuid:${randomUUID()}`
  await rt.db.insertInto('credentials').values({
    id: selfDeclaredId, issuer_organisation_id: null, issued_by_user_id: w.alice.id, holder_user_id: w.alice.id, subject_did: w.alice.did,
    template_id: 'skill-badge', format: 'di', document: JSON.stringify({ id: selfDeclaredId, issuer: { id: w.alice.did, name: 'Alice' }, credentialSubject: { id: w.alice.did } }),
    title: 'Ranger un atelier', valid_from: now, valid_until: null, created_at: now, hidden_at: null, evidence_photo: null, evidence_photo_type: null,
    language: 'fr', origin: 'self_declared', imported_at: null, import_verification: null, issuer_did: w.alice.did,
  }).execute()
  await rt.db.insertInto('credential_skills').values({ credential_id: selfDeclaredId, skill_uri: 'http://data.europa.eu/esco/skill/test-tidy', label: 'Ranger', evidence_level: 'self_declared' }).execute()
  await rt.db.insertInto('directory_entries').values({ user_id: w.alice.id, handle: 'A1B2', opted_in_at: now }).execute()

  const paul = await createUser(rt, { role: 'recruiter', username: 'paul', displayName: 'Paul Pressant', organisationId: w.org.id })
  const request = async (recruiterId: string, youthId: string, message: string) => {
    const id = randomUUID()
    await rt.db.insertInto('contact_requests').values({ id, youth_user_id: youthId, recruiter_user_id: recruiterId, recruiter_organisation_id: w.org.id, message, status: 'pending', created_at: now, decided_at: null }).execute()
    return id
  }
  const alice = { id: w.alice.id, role: 'youth' }
  const contactId = await request(w.recruiter.id, w.alice.id, 'Bonjour, un stage d’animation ?')
  await decideRequest(rt, alice, { contactId, decision: 'accept' })
  // A question, then its answer a minute later: two messages in one millisecond have no order
  // but their random ids, and the export test reads them in order.
  const asked = new Date(now)
  await sendMessage(rt, { id: w.recruiter.id, role: 'recruiter' }, { contactId, body: 'Êtes-vous disponible lundi ?' }, asked)
  await sendMessage(rt, alice, { contactId, body: 'Oui, lundi matin.' }, new Date(asked.getTime() + 60_000))
  const blockedContactId = await request(paul.id, w.alice.id, 'Répondez vite !')
  const reportId = await reportRecruiter(rt, alice, { contactId: blockedContactId, reason: 'spam', details: 'Trois messages par jour.', block: true })
  const malloryContactId = await request(w.recruiter.id, w.mallory.id, 'Bonjour Mallory')
  await decideRequest(rt, { id: w.mallory.id, role: 'youth' }, { contactId: malloryContactId, decision: 'accept' })
  await sendMessage(rt, { id: w.mallory.id, role: 'youth' }, { contactId: malloryContactId, body: 'Bonjour !' })
  return { storyId, selfDeclaredId, paul, contactId, blockedContactId, reportId, malloryContactId }
}
