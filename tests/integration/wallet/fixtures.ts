import teamwork from '@/credentials-schemas/examples/skill-badge/valid/01-teamwork-volunteering.json'
import minimalEn from '@/credentials-schemas/examples/skill-badge/valid/02-minimal-en.json'
import bakery from '@/credentials-schemas/examples/work-experience/valid/01-internship-bakery.json'
import { createUser } from '@/lib/auth/service'
import { issueForOrganisation } from '@/lib/issuing/service'
import type { Runtime } from '@/lib/runtime'
import { daysAfter } from '../../factories/clock'
import { createWorld } from '../../factories/world'

/** A tiny real JPEG header is enough: the photo is served as stored, never decoded. */
export const PHOTO = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01])

/**
 * The world of the wallet and portfolio tests: an organisation, Alice (a DI skill badge with a
 * photo, a JWT skill badge, a DI work experience, issued months before the world's `now`) and
 * Mallory (one badge, issued at `now`), a counsellor and a recruiter.
 */
export async function createWalletWorld(rt: Runtime) {
  const world = await createWorld(rt)
  const { now, org, alice, mallory } = world
  const issue = (subjectDid: string, templateId: string, claims: unknown, format: 'di' | 'jwt' = 'di', now?: Date) =>
    issueForOrganisation(rt, { organisation: org, templateId, subjectDid, claims, format, now })
  // Issued months before the world's `now`, in this order (each card's date differs).
  const badge = await issue(alice.did, 'skill-badge', teamwork, 'di', daysAfter(now, -280))
  const jwtBadge = await issue(alice.did, 'skill-badge', minimalEn, 'jwt', daysAfter(now, -250))
  const work = await issue(alice.did, 'work-experience', bakery, 'di', daysAfter(now, -160))
  const malloryBadge = await issue(mallory.did, 'skill-badge', teamwork, 'di', now)
  await rt.db.updateTable('credentials').set({ evidence_photo: PHOTO, evidence_photo_type: 'image/jpeg' }).where('id', '=', badge.id).execute()
  await rt.db.updateTable('credentials').set({ evidence_photo: PHOTO, evidence_photo_type: 'image/jpeg' }).where('id', '=', malloryBadge.id).execute()
  const counsellor = await createUser(rt, { role: 'counsellor', username: 'claire', displayName: 'Claire', organisationId: org.id })
  const recruiter = await createUser(rt, { role: 'recruiter', username: 'julie', displayName: 'Julie', organisationId: org.id })
  return { ...world, badge, jwtBadge, work, malloryBadge, counsellor, recruiter, claims: { teamwork, minimalEn, bakery } }
}

export const form = (fields: Record<string, string | string[]>) => {
  const f = new FormData()
  for (const [k, v] of Object.entries(fields)) for (const value of [v].flat()) f.append(k, value)
  return f
}
