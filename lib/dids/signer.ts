import type { Agent } from './agent'

/** A signer in the shape the Data Integrity suites expect; it never exposes the private key. */
export interface Ed25519Signer {
  id: string
  algorithm: 'Ed25519'
  sign(args: { data: Uint8Array }): Promise<Uint8Array>
}

export interface DidKeys {
  did: string
  /** Verification method id (`did:key:z…#z…`). */
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

/** @throws Error when the DID is not managed by this agent. */
export async function getDidKeys(agent: Agent, did: string): Promise<DidKeys> {
  return describe(await agent.didManagerGet({ did }))
}

function describe(identifier: Awaited<ReturnType<Agent['didManagerGet']>>): DidKeys {
  const key = identifier.keys.find((k: { type: string }) => k.type === 'Ed25519')
  if (!key) throw new Error(`${identifier.did} has no Ed25519 key`)
  const fragment = identifier.did.startsWith('did:key:') ? identifier.did.slice('did:key:'.length) : key.kid
  return { did: identifier.did, verificationMethod: `${identifier.did}#${fragment}`, kid: key.kid }
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
