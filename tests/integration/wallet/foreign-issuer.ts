import * as vc from '@digitalbazaar/vc'
import { randomUUID } from 'node:crypto'
import { createVerifiableCredentialJwt } from 'did-jwt-vc'
import { documentLoader } from '@/lib/credentials/document-loader'
import { signingSuite } from '@/lib/credentials/suites'
import { newDidKeySigner } from '../../helpers/did-key-signer'

// An issuer that is no part of any Tremplin instance: an Ed25519 key generated here, in memory,
// its did:key, and credentials signed with @digitalbazaar/vc (Data Integrity, eddsa-rdfc-2022) or
// did-jwt-vc (VC-JWT, EdDSA). Another wallet would hand a young person credentials like these.

const OB_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'
const VC2_CONTEXT = 'https://www.w3.org/ns/credentials/v2'

export interface ForeignBadge {
  /** The skill's name (the card's title). */
  name: string
  subjectDid: string
  validFrom?: string
  validUntil?: string
  /** No `id` in the credential (an id is optional in VCDM 2.0). */
  withoutId?: boolean
}

export interface ForeignIssuer {
  did: string
  name: string
  /** An Open Badges 3.0 credential with a Data Integrity proof, as JSON. */
  issueDi(badge: ForeignBadge): Promise<Record<string, unknown>>
  /** A VCDM 1.1 VC-JWT (the only JWT shape did-jwt-vc writes), compact. */
  issueJwt(badge: ForeignBadge): Promise<string>
}

export async function createForeignIssuer(name = 'Académie du Bénévolat (Liège)'): Promise<ForeignIssuer> {
  const { did, signer, jwtSigner } = await newDidKeySigner()

  return {
    did,
    name,
    async issueDi(badge) {
      const credential = {
        '@context': [VC2_CONTEXT, OB_CONTEXT],
        ...(badge.withoutId ? {} : { id: `urn:uuid:${randomUUID()}` }),
        type: ['VerifiableCredential', 'OpenBadgeCredential'],
        name: badge.name,
        issuer: { id: did, type: ['Profile'], name },
        validFrom: badge.validFrom ?? '2026-01-15T09:00:00Z',
        ...(badge.validUntil ? { validUntil: badge.validUntil } : {}),
        credentialSubject: {
          id: badge.subjectDid,
          type: ['AchievementSubject'],
          achievement: {
            id: `urn:uuid:${randomUUID()}`,
            type: ['Achievement'],
            name: badge.name,
            description: 'Reconnu par une association partenaire, hors de Tremplin.',
            criteria: { narrative: 'A tenu un stand d’accueil pendant trois week-ends.' },
          },
        },
      }
      return vc.issue({ credential, suite: signingSuite(signer, new Date('2026-01-15T09:00:00Z')), documentLoader })
    },
    async issueJwt(badge) {
      const issuanceDate = badge.validFrom ?? '2026-01-15T09:00:00Z'
      return createVerifiableCredentialJwt({
        sub: badge.subjectDid,
        nbf: Math.floor(new Date(issuanceDate).getTime() / 1000),
        ...(badge.validUntil ? { exp: Math.floor(new Date(badge.validUntil).getTime() / 1000) } : {}),
        ...(badge.withoutId ? {} : { jti: `urn:uuid:${randomUUID()}` }),
        vc: {
          '@context': ['https://www.w3.org/2018/credentials/v1'],
          type: ['VerifiableCredential'],
          name: badge.name,
          issuer: { id: did, name },
          credentialSubject: { achievement: { type: 'Achievement', name: badge.name } },
        },
      }, { did, signer: jwtSigner, alg: 'EdDSA' })
    },
  }
}
