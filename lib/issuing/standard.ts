import * as vc from '@digitalbazaar/vc'
import { randomUUID } from 'node:crypto'
import { z } from 'zod'
import { baseContextVersion, dataModelProblems } from '@/lib/credentials/data-model'
import { documentLoader } from '@/lib/credentials/document-loader'
import { signingSuite } from '@/lib/credentials/suites'
import { issuerId } from '@/lib/credentials/verify/checks'
import { subjectIds } from '@/lib/credentials/verify/holder'
import { toArray } from '@/lib/credentials/verify/input'
import { ed25519Signer, getDidKeys } from '@/lib/dids/signer'
import { ValidationError } from '@/lib/errors'
import { organisationDids } from '@/lib/orgs/service'
import type { Runtime } from '@/lib/runtime'
import { allocateStatus, isUniqueViolation } from '@/lib/status/allocate'
import { STATUS_PURPOSES, type StatusPurpose } from '@/lib/credentials/bitstring'
import * as statusRepo from '@/lib/status/repository'
import { issuingOrganisation } from './service'
import * as repo from './repository'
import { signingMethodOf } from './signing-method'

// The W3C VC-API issuer as written (docs/decisions/030): an organisation sends a whole credential,
// VCDM 2.0 or 1.1, and gets it back signed (Data Integrity, eddsa-rdfc-2022) by the key of the
// DID it names as `issuer`, with this platform's Bitstring Status List entries.

/** The Bitstring Status List context (its terms are in the VCDM 2.0 base context, not in 1.1's). */
const BITSTRING_STATUS_CONTEXT = 'https://www.w3.org/ns/credentials/status/v1'

/** The template id recorded for a credential the organisation wrote itself (no Tremplin template). */
export const STANDARD_TEMPLATE_ID = 'vc-api'

/**
 * `options` of a VC-API issue request. `credentialStatus` as the VC-API and the W3C suites send
 * it: `{ type: 'BitstringStatusListEntry' }` (both purposes) or with a `statusPurpose`, or a list
 * of those. Anything else is refused by name rather than ignored: an option we do not honour
 * must not look honoured.
 */
const StatusOptionSchema = z.object({
  type: z.literal('BitstringStatusListEntry', { error: 'must be "BitstringStatusListEntry", the status list this platform publishes' }),
  statusPurpose: z.enum(STATUS_PURPOSES, { error: 'must be "revocation" or "suspension"' }).optional(),
}).strict()

export const StandardIssueOptionsSchema = z.object({
  credentialStatus: z.preprocess((v) => (v === undefined || Array.isArray(v) ? v : [v]), z.array(StatusOptionSchema).min(1).max(2)).optional(),
}).strict()

export type StandardIssueOptions = z.infer<typeof StandardIssueOptionsSchema>

export interface StandardIssueInput {
  organisation: { id: string }
  /** The credential to sign, as received (never modified: a copy is signed). */
  credential: Record<string, unknown>
  options?: StandardIssueOptions
  now?: Date
}

const MAX_ATTEMPTS = 3

/**
 * Signs a credential the organisation wrote (W3C VC-API `POST /credentials/issue`).
 * - The credential must be a conforming VCDM 2.0 or 1.1 credential without a proof; every problem
 *   is named with its JSON pointer (under `/credential`).
 * - `issuer` (a URL, or an object with an `id`) must be one of the organisation's DIDs — its
 *   did:web or a did:key it holds — and selects the key: a did:key's own, a did:web's newest.
 * - It carries this platform's status entries (revocation and suspension unless
 *   `options.credentialStatus` names one; a 1.1 credential only when asked), so the organisation
 *   can revoke it like any other.
 * - JSON-LD is processed in safe mode: an undefined term, a redefined protected term or a context
 *   this instance does not bundle refuses it; nothing is fetched.
 * - The issuer's record is kept (its issued list, revocation), written in one transaction with the
 *   status entries. It is not delivered to any wallet: the caller receives it (decision 030).
 * @throws ValidationError (422) listing every problem; nothing is signed or stored then.
 * @throws AppError FORBIDDEN for an organisation that is not approved.
 */
export async function issueStandardCredential(rt: Runtime, input: StandardIssueInput): Promise<Record<string, unknown>> {
  const now = input.now ?? new Date()
  const org = await issuingOrganisation(rt, input.organisation.id)
  const problems = dataModelProblems(input.credential, 'issue')
  if (problems.length) {
    throw new ValidationError('The credential does not conform to the W3C Verifiable Credentials data model', problems.map((p) => ({ ...p, path: `/credential${p.path}` })))
  }
  const issuerDid = issuerId(input.credential)!
  const dids = await organisationDids(rt.db, org.id)
  if (!dids.includes(issuerDid)) {
    throw new ValidationError(`The issuer ${issuerDid} is not one of ${org.name}'s DIDs`, [
      { path: '/credential/issuer', message: `must be one of ${org.name}'s DIDs: ${dids.join(', ')}` },
    ])
  }
  const purposes = purposesOf(input.options, baseContextVersion(input.credential))
  const keys = await getDidKeys(rt.agent, issuerDid)
  const signer = ed25519Signer(rt.agent, keys)
  for (let attempt = 1; ; attempt++) {
    const status = purposes.length ? await allocateStatus(rt.db, org, rt.env.publicUrl, now) : { entries: [], credentialStatus: [] }
    const entries = status.entries.filter((e) => purposes.includes(e.purpose))
    const ours = status.credentialStatus.filter((s) => purposes.includes(s.statusPurpose as StatusPurpose))
    const unsigned = ours.length ? withStatus(structuredClone(input.credential), ours) : structuredClone(input.credential)
    const signed = await sign(unsigned, signer, now)
    const rowId = await recordId(rt, signed)
    const document = JSON.stringify(signed)
    const subject = subjectIds(signed)[0]
    try {
      await rt.db.transaction().execute(async (trx) => {
        await repo.insertCredential(trx, {
          id: rowId,
          issuer_organisation_id: org.id,
          issuer_did: issuerDid,
          issued_by_user_id: null,
          holder_user_id: null,
          subject_did: typeof subject === 'string' ? subject.slice(0, 2000) : '',
          template_id: STANDARD_TEMPLATE_ID,
          format: 'di',
          document,
          title: titleOf(signed),
          valid_from: validFromOf(signed) ?? now.toISOString(),
          valid_until: validUntilOf(signed),
          created_at: new Date().toISOString(),
          language: null,
          verification_method: signingMethodOf(document),
        })
        await statusRepo.insertEntries(trx, entries.map((e) => ({ list_id: e.listId, status_index: e.index, credential_id: rowId })))
      })
      return signed
    } catch (e) {
      if (!isUniqueViolation(e) || attempt >= MAX_ATTEMPTS) throw e
    }
  }
}

/**
 * The status purposes to add: those `options.credentialStatus` names (both when it names none);
 * unasked, both for a 2.0 credential — its base context defines the status terms — and none for a
 * 1.1 credential, whose contexts we then leave as they are (the status context is added only when
 * asked for: a verifier of 1.1 credentials may not hold it, decision 030).
 */
function purposesOf(options: StandardIssueOptions | undefined, version: 1 | 2 | undefined): StatusPurpose[] {
  const asked = options?.credentialStatus ?? []
  if (asked.length === 0) return version === 1 ? [] : [...STATUS_PURPOSES]
  if (asked.some((s) => !s.statusPurpose)) return [...STATUS_PURPOSES]
  return STATUS_PURPOSES.filter((p) => asked.some((s) => s.statusPurpose === p))
}

/**
 * The credential with our entries after any it already carries (VCDM 2.0 allows several). A 1.1
 * credential's base context does not define the Bitstring Status List terms (2.0's does): their
 * published context is added after the others.
 */
function withStatus(credential: Record<string, unknown>, entries: Record<string, string>[]): Record<string, unknown> {
  const all = [...toArray(credential.credentialStatus), ...entries]
  const context = [credential['@context']].flat()
  const needsStatusContext = baseContextVersion(credential) === 1 && entries.length > 0 && !context.includes(BITSTRING_STATUS_CONTEXT)
  return { ...credential, ...(needsStatusContext ? { '@context': [...context, BITSTRING_STATUS_CONTEXT] } : {}), credentialStatus: all.length === 1 ? all[0] : all }
}

/**
 * Signs with the bundled contexts only, in JSON-LD safe mode. What the libraries refuse (an
 * undefined term, a redefined protected term, a context we do not bundle, a data-model rule
 * of @digitalbazaar/vc) becomes a ValidationError naming it.
 */
async function sign(credential: Record<string, unknown>, signer: ReturnType<typeof ed25519Signer>, now: Date): Promise<Record<string, unknown>> {
  try {
    return await vc.issue({ credential, suite: signingSuite(signer, now), documentLoader, now })
  } catch (e) {
    throw new ValidationError('The credential could not be signed as JSON-LD', [{ path: '/credential', message: jsonLdMessage(e) }])
  }
}

function jsonLdMessage(error: unknown): string {
  const e = error as { message?: string; details?: { event?: { code?: string; details?: { term?: string; property?: string } }; url?: string; term?: string }; cause?: unknown }
  const event = e.details?.event
  if (event?.code === 'invalid property' || event?.code === 'relative @type reference' || event?.code === 'invalid type value') {
    const term = event.details?.property ?? event.details?.term
    return `uses a term no context defines${term ? ` ("${term}")` : ''}: add a context that defines it`
  }
  const message = e.message ?? String(error)
  if (/protected term/i.test(message)) return `redefines a protected term of the base context${e.details?.term ? ` ("${e.details.term}")` : ''}`
  if (/not one of the published contexts|document loader|loading document|Dereferencing a URL/i.test(message)) {
    return `names a context this instance does not hold${e.details?.url ? ` (${String(e.details.url).slice(0, 200)})` : ''}: only published contexts are bundled, nothing is fetched`
  }
  return message.slice(0, 500)
}

/**
 * The id of the issuer's record: the credential's own `id` when it has one not already recorded
 * here (so `npm run vc -- revoke --id <id>` takes it), else a new urn:uuid (the VC-API lets a
 * caller sign the same credential id twice, e.g. a refreshed credential).
 */
async function recordId(rt: Pick<Runtime, 'db'>, credential: Record<string, unknown>): Promise<string> {
  const own = typeof credential.id === 'string' && credential.id.length <= 2000 ? credential.id : undefined
  if (own && !(await repo.credentialExists(rt.db, own))) return own
  return `urn:uuid:${randomUUID()}`
}

/** What the issued list shows: the credential's `name` (a string or the first language value), else its most specific type. */
function titleOf(credential: Record<string, unknown>): string {
  const name = credential.name
  const text = typeof name === 'string' ? name
    : Array.isArray(name) ? (name.find((n) => typeof (n as { '@value'?: unknown })?.['@value'] === 'string') as { '@value': string } | undefined)?.['@value']
      : typeof (name as { '@value'?: unknown } | undefined)?.['@value'] === 'string' ? (name as { '@value': string })['@value'] : undefined
  if (text?.trim()) return text.trim().slice(0, 200)
  const types = (Array.isArray(credential.type) ? credential.type : [credential.type]).filter((t): t is string => typeof t === 'string' && t !== 'VerifiableCredential')
  return (types.at(-1) ?? 'VerifiableCredential').slice(0, 200)
}

function validFromOf(credential: Record<string, unknown>): string | undefined {
  const v = baseContextVersion(credential) === 1 ? credential.issuanceDate : credential.validFrom
  return typeof v === 'string' ? new Date(v).toISOString() : undefined
}

function validUntilOf(credential: Record<string, unknown>): string | null {
  const v = baseContextVersion(credential) === 1 ? credential.expirationDate : credential.validUntil
  return typeof v === 'string' ? new Date(v).toISOString() : null
}
