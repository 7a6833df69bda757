import 'server-only'
import { createAgent, type IDIDManager, type IKeyManager, type IResolver, type TAgent } from '@veramo/core'
import type { ICredentialPlugin } from '@veramo/core-types'
import { CredentialPlugin } from '@veramo/credential-w3c'
import { CredentialProviderJWT } from '@veramo/credential-jwt'
import { DIDManager } from '@veramo/did-manager'
import { getDidKeyResolver, KeyDIDProvider } from '@veramo/did-provider-key'
import { DIDResolverPlugin } from '@veramo/did-resolver'
import { KeyManager } from '@veramo/key-manager'
import { Resolver } from 'did-resolver'
import type { Db } from '@/db/client'
import { NodeCryptoKeyManagementSystem } from './node-crypto-kms'
import { KyselyDIDStore, KyselyKeyStore, KyselyPrivateKeyStore } from './stores'
import { OrganisationWebDidProvider } from './web-provider'

export type Agent = TAgent<IDIDManager & IKeyManager & IResolver & ICredentialPlugin>

/**
 * did:key resolution only: the agent's own, and verification's default (offline). Verification on
 * this instance uses lib/dids/resolver.ts, which adds did:web.
 */
export const didResolver = new Resolver({ ...getDidKeyResolver() })

/**
 * The one Veramo agent of a process: Kysely-backed DID, key and private-key stores; did:key
 * (Ed25519) identifiers for young people (and organisations while pending), did:web for approved
 * organisations (lib/dids/organisation-did.ts); VC-JWT through credential-w3c. Nothing outside
 * `lib/dids` and `lib/credentials` holds it.
 */
export function createVeramoAgent({ db, masterKey }: { db: Db; masterKey: Buffer }): Agent {
  return createAgent<IDIDManager & IKeyManager & IResolver & ICredentialPlugin>({
    plugins: [
      new KeyManager({
        store: new KyselyKeyStore(db),
        kms: { local: new NodeCryptoKeyManagementSystem(new KyselyPrivateKeyStore(db, masterKey)) },
      }),
      new DIDManager({
        store: new KyselyDIDStore(db),
        defaultProvider: 'did:key',
        providers: { 'did:key': new KeyDIDProvider({ defaultKms: 'local' }), 'did:web': new OrganisationWebDidProvider('local') },
      }),
      new DIDResolverPlugin({ resolver: didResolver }),
      new CredentialPlugin([new CredentialProviderJWT()]),
    ],
  })
}
