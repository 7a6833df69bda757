import type { SessionUser } from '@/lib/auth/sessions'
import type { CredentialFormat, IssuedCredential } from '@/lib/credentials/issue'
import { isTemplateId, schemaUrl, validateClaims, type TemplateId } from '@/lib/credentials/schemas'
import { TEMPLATES } from '@/lib/credentials/templates'
import { AppError, ValidationError, type FieldError } from '@/lib/errors'
import { staffOrganisationId } from '@/lib/onboarding/access'
import { getYoungPersonOrThrow, listYoungPeople } from '@/lib/onboarding/young-people'
import { findOrganisationById } from '@/lib/orgs/repository'
import type { Runtime } from '@/lib/runtime'
import { toCard, type CredentialCardDto } from '@/lib/wallet/cards'
import { issueWithEvidencePhoto } from './photo'

// Issuing from the browser: a counsellor or tutor issues in their organisation's name, to one of
// the young people their organisation accompanies. Each function checks that itself.

export interface StaffIssueInput {
  templateId: string
  holderId: string
  claims: unknown
  format?: CredentialFormat
  photo?: Uint8Array
  now?: Date
}

/** The acting organisation and the young person, or FORBIDDEN / NOT_FOUND. */
async function issuingContext(rt: Pick<Runtime, 'db'>, actor: SessionUser, holderId: string) {
  const orgId = staffOrganisationId(actor)
  const org = await findOrganisationById(rt.db, orgId)
  if (!org) throw new AppError('FORBIDDEN', 'The organisation of this account no longer exists')
  const holder = await getYoungPersonOrThrow(rt, actor, holderId)
  if (!holder.did) throw new AppError('NOT_FOUND', 'This young person has no wallet')
  return { org, holder: { ...holder, did: holder.did } }
}

/**
 * Everything issueCredential checks before signing an organisation's credential, without signing:
 * JSON Schema, template rules, validity, and the evidence level (an organisation never states self_declared).
 */
export function validateIssueClaims(templateId: TemplateId, claims: unknown, now = new Date()): FieldError[] {
  const errors = validateClaims(templateId, claims)
  if (errors.length) return errors
  const until = (claims as { validUntil?: string }).validUntil
  return [
    ...TEMPLATES[templateId].check(claims),
    ...(until && new Date(until).getTime() <= now.getTime() ? [{ path: '/validUntil', message: 'must be in the future' }] : []),
    ...((claims as { evidenceLevel?: string }).evidenceLevel === 'self_declared' ? [{ path: '/evidenceLevel', message: 'may be self_declared only when the issuer is the subject' }] : []),
  ]
}

function templateOrThrow(templateId: string): TemplateId {
  if (!isTemplateId(templateId)) throw new ValidationError('Unknown template', [{ path: '/templateId', message: 'invalidChoice' }])
  return templateId
}

/**
 * The card the young person and a recruiter will see, built from the unsigned credential exactly
 * as it would be signed now. Nothing is signed or stored.
 * @throws AppError FORBIDDEN, NOT_FOUND (young person); ValidationError (claims).
 */
export async function previewCredential(rt: Pick<Runtime, 'db' | 'env'>, actor: SessionUser, input: StaffIssueInput & { hasPhoto?: boolean }): Promise<CredentialCardDto> {
  const templateId = templateOrThrow(input.templateId)
  const { org, holder } = await issuingContext(rt, actor, input.holderId)
  const now = input.now ?? new Date()
  const errors = validateIssueClaims(templateId, input.claims, now)
  if (errors.length) throw new ValidationError('Invalid claims', errors)
  const unsigned = TEMPLATES[templateId].build(input.claims, {
    id: 'urn:uuid:00000000-0000-4000-8000-000000000000',
    issuer: { did: org.did, name: org.name },
    subjectDid: holder.did,
    now,
    schemaUrl: schemaUrl(rt.env.publicUrl, templateId),
    format: input.format ?? 'di',
  })
  return toCard({ document: unsigned, format: 'di', templateId, hasPhoto: Boolean(input.hasPhoto) }, now)
}

/**
 * Signs and stores the credential (and its evidence photo) in the organisation's name.
 * @throws AppError FORBIDDEN, NOT_FOUND (young person); ValidationError (claims, photo): nothing signed.
 */
export async function issueAsStaff(rt: Runtime, actor: SessionUser, input: StaffIssueInput): Promise<IssuedCredential> {
  const templateId = templateOrThrow(input.templateId)
  const { org, holder } = await issuingContext(rt, actor, input.holderId)
  return issueWithEvidencePhoto(rt, {
    organisation: { id: org.id },
    templateId,
    subjectDid: holder.did,
    claims: input.claims,
    format: input.format,
    issuedByUserId: actor.id,
    photo: input.photo,
    now: input.now,
  })
}

/** The young people the actor may issue to (those with a wallet), for the form's select. */
export async function listIssueRecipients(rt: Pick<Runtime, 'db'>, actor: SessionUser) {
  const people = await listYoungPeople(rt, actor)
  return people.filter((p) => p.hasWallet).map((p) => ({ id: p.id, displayName: p.displayName, username: p.username }))
}
