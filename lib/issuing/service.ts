import { findUserByDid } from '@/lib/auth/repository'
import { issueCredential, type CredentialFormat, type IssuedCredential } from '@/lib/credentials/issue'
import type { Runtime } from '@/lib/runtime'
import * as repo from './repository'

export interface IssueForOrganisationInput {
  organisation: { id: string; did: string; name: string }
  templateId: string
  subjectDid: string
  claims: unknown
  format?: CredentialFormat
  issuedByUserId?: string
  now?: Date
}

/**
 * Issues a credential in an organisation's name and keeps the issuer's record of it (linked to
 * the holder's wallet when the subject is one of our young people).
 * @throws ValidationError (nothing signed, nothing stored), TypeError for an unknown template.
 */
export async function issueForOrganisation(rt: Runtime, input: IssueForOrganisationInput): Promise<IssuedCredential> {
  const issued = await issueCredential({
    agent: rt.agent,
    issuer: { did: input.organisation.did, name: input.organisation.name },
    subjectDid: input.subjectDid,
    templateId: input.templateId,
    claims: input.claims,
    format: input.format,
    publicUrl: rt.env.publicUrl,
    now: input.now,
  })
  const holder = await findUserByDid(rt.db, input.subjectDid)
  await repo.insertCredential(rt.db, {
    id: issued.id,
    issuer_organisation_id: input.organisation.id,
    issued_by_user_id: input.issuedByUserId ?? null,
    holder_user_id: holder?.role === 'youth' ? holder.id : null,
    subject_did: input.subjectDid,
    template_id: issued.templateId,
    format: issued.format,
    document: issued.document,
    title: issued.title,
    valid_from: issued.validFrom,
    valid_until: issued.validUntil,
    created_at: new Date().toISOString(),
    language: (input.claims as { language?: string } | null)?.language ?? 'fr',
  })
  return issued
}

/** How many credentials this instance has issued (the landing page's figure). */
export function countIssuedCredentials(rt: Pick<Runtime, 'db'>): Promise<number> {
  return repo.countCredentials(rt.db)
}
