import 'server-only'
import type { IAgentContext, IIdentifier, IKey, IKeyManager } from '@veramo/core-types'
import { AbstractIdentifierProvider } from '@veramo/did-manager'

/**
 * Veramo's identifier provider for our organisations' did:web. The DID is chosen by the caller
 * (`options.did`, from PUBLIC_URL and the slug); the provider only creates the first Ed25519 key
 * in the key manager (private key encrypted in the key store) and accepts added keys. The DID
 * document is not published by Veramo: it is built from the database (lib/dids/web.ts) and
 * served by the app.
 */
export class OrganisationWebDidProvider extends AbstractIdentifierProvider {
  constructor(private readonly defaultKms: string) {
    super()
  }

  async createIdentifier(args: { kms?: string; alias?: string; options?: { did?: string; fragment?: string } }, context: IAgentContext<IKeyManager>): Promise<Omit<IIdentifier, 'provider'>> {
    const did = args.options?.did
    if (!did?.startsWith('did:web:')) throw new TypeError('options.did must be a did:web')
    const key = await context.agent.keyManagerCreate({ kms: args.kms ?? this.defaultKms, type: 'Ed25519', meta: { fragment: args.options?.fragment ?? 'key-1' } })
    return { did, controllerKeyId: key.kid, keys: [key], services: [] }
  }

  async updateIdentifier(): Promise<IIdentifier> {
    throw new Error('not_supported: a did:web document here is built from its keys')
  }

  async deleteIdentifier(identifier: IIdentifier, context: IAgentContext<IKeyManager>): Promise<boolean> {
    for (const key of identifier.keys) await context.agent.keyManagerDelete({ kid: key.kid })
    return true
  }

  async addKey(_: { identifier: IIdentifier; key: IKey }): Promise<boolean> {
    return true
  }

  async removeKey(): Promise<never> {
    // Removing a key would make what it signed unverifiable: rotation only adds.
    throw new Error('not_supported: keys of an organisation did:web are never removed')
  }

  async addService(): Promise<never> {
    throw new Error('not_supported: services are not published')
  }

  async removeService(): Promise<never> {
    throw new Error('not_supported: services are not published')
  }
}
