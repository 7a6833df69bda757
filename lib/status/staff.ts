import type { SessionUser } from '@/lib/auth/sessions'
import { AppError } from '@/lib/errors'
import { staffOrganisationId } from '@/lib/onboarding/access'
import type { Runtime } from '@/lib/runtime'
import * as repo from './repository'
import { changeCredentialStatus, type StatusAction, type StatusChange } from './service'

/**
 * A counsellor or tutor revokes, suspends or lifts the suspension of a credential THEIR
 * organisation issued, with a reason. Revocation is final (see changeCredentialStatus).
 * @throws AppError FORBIDDEN (not staff of an organisation), NOT_FOUND (unknown, or issued by
 *   another organisation: its existence is not revealed), CONFLICT (revoked, or no status entries).
 */
export async function changeIssuedCredentialStatus(
  rt: Pick<Runtime, 'db'>, actor: SessionUser,
  input: { credentialId: string; action: StatusAction; reason: string; now?: Date },
): Promise<StatusChange> {
  const orgId = staffOrganisationId(actor)
  const credential = await repo.findCredentialIssuer(rt.db, input.credentialId)
  if (!credential || credential.organisation_id !== orgId) throw new AppError('NOT_FOUND', 'No such credential issued by this organisation')
  return changeCredentialStatus(rt, { credentialId: input.credentialId, action: input.action, reason: input.reason, by: actor.id, now: input.now })
}
