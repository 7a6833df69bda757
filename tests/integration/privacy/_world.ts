import { randomUUID } from 'node:crypto'
import { hashPassword } from '@/lib/auth/password'
import { createShare } from '@/lib/portfolio/service'
import type { Runtime } from '@/lib/runtime'
import { hashToken } from '@/lib/security/tokens'
import { setCredentialHidden } from '@/lib/wallet/service'
import { createWalletWorld } from '../wallet/fixtures'

export const ALICE_PASSWORD = 'alice-correct-horse-1'
export const ACTIVATION_TOKEN = 'activation-token-of-alice-000000000000'

/**
 * Alice with one of everything a young person can have: a password, a profile (region, languages,
 * goals, an experience linked to a credential), issued credentials (one with a photo, one hidden),
 * an imported one, a share with a section, a pilot membership, a bulk row, an activation link.
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
  return { ...w, importedId, share, experienceId, pilotId, batchId }
}
