import 'server-only'
import type { Agent } from './agent'
import { keyNumber } from './web'

/** A signer in the shape the Data Integrity suites expect; it never exposes the private key. */
export interface Ed25519Signer {
  id: string
  algorithm: 'Ed25519'
  sign(args: { data: Uint8Array }): Promise<Uint8Array>
}

export interface DidKeys {
  did: string
  /** Verification method id (`did:key:z…#z…`, or `did:web:…#key-N` for the newest key of a did:web). */
  verificationMethod: string
  /** Veramo key id, used for JWT signing. */
  kid: string
}

/**
 * Creates a new did:key (Ed25519) in the agent, its private key stored encrypted.
 * @throws Error when the alias is already taken.
 */
export async function createDidKey(agent: Agent, alias: string): Promise<DidKeys> {
  const identifier = await agent.didManagerCreate({ provider: 'did:key', alias, options: { keyType: 'Ed25519' } })
  return describe(identifier)
}

/**
 * The key that signs for a DID now. A did:key has one. A did:web of an organisation has every key
 * it ever had (rotation keeps them listed): the NEWEST signs, as `<did>#key-N` (N from the key's
 * `fragment`, recorded when the key was added). A multi-key DID whose keys do not say which is
 * newest is refused rather than signed with an arbitrary key.
 * @throws Error when the DID is not managed by this agent, or has no usable key.
 */
export async function getDidKeys(agent: Agent, did: string): Promise<DidKeys> {
  return describe(await agent.didManagerGet({ did }))
}

function describe(identifier: Awaited<ReturnType<Agent['didManagerGet']>>): DidKeys {
  const ed25519 = identifier.keys.filter((k: { type: string }) => k.type === 'Ed25519')
  if (ed25519.length === 0) throw new Error(`${identifier.did} has no Ed25519 key`)
  if (identifier.did.startsWith('did:key:')) {
    return { did: identifier.did, verificationMethod: `${identifier.did}#${identifier.did.slice('did:key:'.length)}`, kid: ed25519[0]!.kid }
  }
  const numbered = ed25519
    .map((key) => ({ key, fragment: (key.meta as { fragment?: unknown } | undefined)?.fragment }))
    .map((k) => ({ ...k, n: keyNumber(k.fragment) }))
    .filter((k) => k.n !== undefined)
    .sort((a, b) => b.n! - a.n!)
  const newest = numbered[0]
  if (!newest || (ed25519.length > 1 && numbered.length !== ed25519.length)) {
    throw new Error(`${identifier.did} has ${ed25519.length} keys and not all say which verification method they are: refusing to pick one`)
  }
  return { did: identifier.did, verificationMethod: `${identifier.did}#${newest.fragment as string}`, kid: newest.key.kid }
}

/**
 * The one signing function for Data Integrity proofs: the data goes to the agent's key manager,
 * which signs with the decrypted key and returns only the signature. The same Ed25519 key signs
 * VC-JWTs through Veramo.
 */
export function ed25519Signer(agent: Agent, keys: DidKeys): Ed25519Signer {
  return {
    id: keys.verificationMethod,
    algorithm: 'Ed25519',
    async sign({ data }) {
      const signature = await agent.keyManagerSign({
        keyRef: keys.kid,
        algorithm: 'EdDSA',
        data: Buffer.from(data).toString('hex'),
        encoding: 'hex',
      })
      return new Uint8Array(Buffer.from(signature, 'base64url'))
    },
  }
}
