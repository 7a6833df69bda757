import { randomUUID } from 'node:crypto'
import type { Db } from '@/db/client'
import type { Agent } from '@/lib/dids/agent'
import { localDidDocument, orderedDidWebKeys } from '@/lib/dids/organisation-did'
import * as didsRepo from '@/lib/dids/repository'
import { organisationDidWeb, type VerificationMethod } from '@/lib/dids/web'
import type { Env } from '@/lib/env'
import { AppError } from '@/lib/errors'
import * as orgsRepo from './repository'

// An organisation's did:web through its life: created when it is first approved, keys added and
// withdrawn, each change an organisation event. The DID engine (lib/dids) keeps the keys and
// serves the documents; it knows nothing of organisations' records.

type Rt = { db: Db; agent: Agent; env: Pick<Env, 'publicUrl'> }

/** A did:web created in the key manager, waiting to be recorded in the approval's transaction. */
export interface PreparedDidWeb {
  did: string
  /** Records the DID, its key-1 and makes it the organisation's DID (inside the caller's transaction). */
  record(trx: Db, at: string): Promise<void>
  /** Undoes the key manager part after a failed transaction (unless the DID got recorded anyway). */
  discard(): Promise<void>
}

/**
 * Prepares an organisation's did:web (`did:web:<host>:orgs:<slug>`, from PUBLIC_URL): a Veramo
 * identifier with a new Ed25519 key whose private key stays encrypted in the key store. Returns
 * undefined when the organisation already has a did:web. The key manager writes through the same
 * single SQLite connection as everything else, so this runs BEFORE the caller's transaction
 * (a transaction held across it would wait on itself); `record` then writes the rest atomically.
 */
export async function prepareOrganisationDidWeb(rt: Rt, org: { id: string; slug: string }): Promise<PreparedDidWeb | undefined> {
  if (await didsRepo.findWebDidOfOrganisation(rt.db, org.id)) return undefined
  const did = organisationDidWeb(rt.env.publicUrl, org.slug)
  const identifier = await rt.agent.didManagerGet({ did }).catch(() => undefined)
    // A leftover of an approval that failed before its transaction: reuse its key.
    ?? (await rt.agent.didManagerCreate({ provider: 'did:web', options: { did, fragment: 'key-1' } }))
  const key = identifier.keys.find((k) => k.type === 'Ed25519')
  if (!key) throw new Error(`${did} has no Ed25519 key`)
  return {
    did,
    async record(trx, at) {
      await orgsRepo.insertOrganisationDid(trx, { did, organisation_id: org.id, method: 'web', created_at: at })
      await didsRepo.insertOrganisationKey(trx, { kid: key.kid, organisation_id: org.id, did, fragment: 'key-1', created_at: at })
      await orgsRepo.updateOrganisation(trx, org.id, { did })
    },
    async discard() {
      if (Number((await didsRepo.countDidUses(rt.db, did)).n) > 0) return
      await rt.agent.didManagerDelete({ did }).catch(() => {})
    },
  }
}

/**
 * Gives every approved organisation that has none a did:web (databases from before did:web, whose
 * organisations the trust migration approved). Idempotent: run at every `npm start`.
 * Returns the DIDs created.
 */
export async function ensureOrganisationDidWebs(rt: Rt): Promise<{ slug: string; did: string }[]> {
  const created: { slug: string; did: string }[] = []
  for (const org of await didsRepo.listApprovedWithoutWebDid(rt.db)) {
    const prepared = await prepareOrganisationDidWeb(rt, org)
    if (!prepared) continue
    try {
      await rt.db.transaction().execute((trx) => prepared.record(trx, new Date().toISOString()))
    } catch (e) {
      await prepared.discard()
      throw e
    }
    created.push({ slug: org.slug, did: prepared.did })
  }
  return created
}

export interface RotatedKey {
  did: string
  fragment: string
  verificationMethod: VerificationMethod
}

/**
 * Adds a new Ed25519 key to an organisation's did:web (fragment key-N+1): the DID document keeps
 * every older key, so what they signed still verifies, and the new key signs from now on. Records
 * a 'key_rotated' event. @throws AppError NOT_FOUND (no such organisation), CONFLICT (no did:web).
 */
export async function rotateOrganisationKey(rt: Rt, input: { slug: string; actor: string; reason?: string | null; now?: Date }): Promise<RotatedKey> {
  const org = await didsRepo.findOrganisationForKeys(rt.db, input.slug)
  if (!org) throw new AppError('NOT_FOUND', `No organisation "${input.slug}"`)
  const web = await didsRepo.findWebDidOfOrganisation(rt.db, org.id)
  if (!web) throw new AppError('CONFLICT', `${org.name} has no did:web yet (an organisation gets one when it is first approved): there is no key to rotate`)
  const keys = await orderedDidWebKeys(rt.db, web.did)
  const fragment = `key-${(keys.at(-1)?.n ?? 0) + 1}`
  const at = (input.now ?? new Date()).toISOString()
  const key = await rt.agent.keyManagerCreate({ kms: 'local', type: 'Ed25519', meta: { fragment } })
  try {
    // The document lists the new key first; only then does it sign (didManagerAddKey below).
    await rt.db.transaction().execute(async (trx) => {
      await didsRepo.insertOrganisationKey(trx, { kid: key.kid, organisation_id: org.id, did: web.did, fragment, created_at: at })
      await orgsRepo.insertEvent(trx, { id: randomUUID(), organisation_id: org.id, action: 'key_rotated', actor: input.actor, reason: rotationNote(`${web.did}#${fragment}`, input.reason), at })
    })
  } catch (e) {
    await rt.agent.keyManagerDelete({ kid: key.kid }).catch(() => {})
    throw e
  }
  await rt.agent.didManagerAddKey({ did: web.did, key })
  const document = await localDidDocument(rt.db, web.did)
  const verificationMethod = document?.verificationMethod?.find((m) => m.id === `${web.did}#${fragment}`)
  if (!verificationMethod) throw new Error(`${web.did}#${fragment} is missing from the DID document`)
  return { did: web.did, fragment, verificationMethod }
}

/** The event's text: which key was added, and why when the operator said. */
function rotationNote(verificationMethod: string, reason?: string | null): string {
  const why = reason?.trim()
  return why ? `new key ${verificationMethod}: ${why}` : `new key ${verificationMethod}`
}

export interface RetiredKey {
  did: string
  fragment: string
  retiredAt: string
}

/**
 * Withdraws a (compromised) key of an organisation's did:web (decision 020): the DID document
 * keeps listing it under verificationMethod, marked `revoked` since now, and drops it from
 * assertionMethod and authentication, so every credential and status list it signed fails its
 * proof with KEY_RETIRED. Status lists are always signed with the newest key, which can never be
 * retired: refuse, and rotate first. Records a 'key_retired' event with the reason.
 * @throws AppError NOT_FOUND (organisation, key), CONFLICT (no did:web, newest key, already retired).
 */
export async function retireOrganisationKey(rt: Pick<Rt, 'db'>, input: { slug: string; fragment: string; reason: string; actor: string; now?: Date }): Promise<RetiredKey> {
  const org = await didsRepo.findOrganisationForKeys(rt.db, input.slug)
  if (!org) throw new AppError('NOT_FOUND', `No organisation "${input.slug}"`)
  const web = await didsRepo.findWebDidOfOrganisation(rt.db, org.id)
  if (!web) throw new AppError('CONFLICT', `${org.name} has no did:web yet: there is no key to retire`)
  const keys = await orderedDidWebKeys(rt.db, web.did)
  const key = keys.find((k) => k.fragment === input.fragment)
  if (!key) throw new AppError('NOT_FOUND', `${web.did} has no key "${input.fragment}" (its keys: ${keys.map((k) => k.fragment).join(', ')})`)
  if (key === keys.at(-1)) {
    throw new AppError('CONFLICT', `${input.fragment} is the newest key of ${org.name}, the one that signs now: rotate first (npm run vc -- rotate-key --org ${org.slug}), then retire it`)
  }
  if (key.retired_at) throw new AppError('CONFLICT', `${input.fragment} was already retired on ${key.retired_at}`)
  const at = (input.now ?? new Date()).toISOString()
  await rt.db.transaction().execute(async (trx) => {
    if (await didsRepo.retireOrganisationKey(trx, { did: web.did, fragment: key.fragment, retired_at: at, retired_reason: input.reason }) !== 1) {
      throw new AppError('CONFLICT', `${input.fragment} was already retired`)
    }
    await orgsRepo.insertEvent(trx, { id: randomUUID(), organisation_id: org.id, action: 'key_retired', actor: input.actor, reason: `retired ${web.did}#${key.fragment}: ${input.reason}`, at })
  })
  return { did: web.did, fragment: key.fragment, retiredAt: at }
}
