import { randomUUID } from 'node:crypto'
import { createUser } from '@/lib/auth/service'
import type { Runtime } from '@/lib/runtime'
import { createApprovedOrganisation } from '@/tests/factories/world'

// Two recruiters of two employers, two young people in the directory, another young person, an
// admin. Contact requests are inserted as the directory's request form writes them (lib/directory):
// this folder tests what happens after.

export async function createContactsWorld(rt: Runtime) {
  const bakery = await createApprovedOrganisation(rt, { slug: 'boulangerie', name: 'Boulangerie Test', kind: 'employer' })
  const garage = await createApprovedOrganisation(rt, { slug: 'garage', name: 'Garage Test', kind: 'employer' })
  const user = async (role: 'youth' | 'recruiter' | 'admin' | 'counsellor', username: string, displayName: string, organisationId?: string, email?: string) => {
    const u = await createUser(rt, { role, username, displayName, organisationId, email })
    return { ...u, role, display_name: displayName, email: email ?? null, organisation_id: organisationId ?? null }
  }
  const julie = await user('recruiter', 'julie', 'Julie Recruteuse', bakery.id)
  const romain = await user('recruiter', 'romain', 'Romain Garagiste', garage.id)
  const alice = await user('youth', 'alice', 'Alice Dupont', undefined, 'alice@example.org')
  const noah = await user('youth', 'noah', 'Noah Martin', undefined, 'noah@example.org')
  const mallory = await user('youth', 'mallory', 'Mallory Other')
  const admin = await user('admin', 'admin', 'Admin Tremplin')
  const claire = await user('counsellor', 'claire', 'Claire Conseillère', bakery.id)
  const now = new Date().toISOString()
  await rt.db.insertInto('directory_entries').values([
    { user_id: alice.id, handle: 'K7P3', opted_in_at: now },
    { user_id: noah.id, handle: 'M2Q9', opted_in_at: now },
  ]).execute()
  return { bakery, garage, julie, romain, alice, noah, mallory, admin, claire }
}

export type ContactsWorld = Awaited<ReturnType<typeof createContactsWorld>>

/** A pending request from a recruiter to a young person, as the directory writes it. */
export async function request(rt: Runtime, recruiter: { id: string; organisation_id: string | null }, youthId: string, message = 'Bonjour, nous cherchons un apprenti.', at = new Date()) {
  const id = randomUUID()
  await rt.db.insertInto('contact_requests').values({
    id, youth_user_id: youthId, recruiter_user_id: recruiter.id, recruiter_organisation_id: recruiter.organisation_id!,
    message, status: 'pending', created_at: at.toISOString(), decided_at: null,
  }).execute()
  return id
}

/** Everything that would identify a young person: none of it may reach a recruiter before acceptance. */
export function identifiers(p: { id?: string; username: string; display_name: string; email: string | null; did: string | null }): string[] {
  return [p.username, p.display_name, ...p.display_name.split(' '), p.email, p.did].filter((x): x is string => !!x)
}
