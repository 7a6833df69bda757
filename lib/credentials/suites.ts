import { DataIntegrityProof } from '@digitalbazaar/data-integrity'
import { Ed25519Signature2020 } from '@digitalbazaar/ed25519-signature-2020'
import type { Ed25519Signer } from '@/lib/dids/signer'
import { eddsaRdfc2022For } from './canonical/canonize'
import type { DocumentLoader } from './document-loader'

/**
 * The proof suite we sign with: Data Integrity, eddsa-rdfc-2022. With a loader made by
 * `cachingLoader` (the one the operation then uses), canonicalisation reuses datasets already
 * computed (lib/credentials/canonical, decision 022): the same bytes, sooner.
 */
export function signingSuite(signer: Ed25519Signer, date?: Date, loader?: DocumentLoader) {
  return new DataIntegrityProof({ signer, cryptosuite: eddsaRdfc2022For(loader), ...(date ? { date } : {}) })
}

/** The suites we verify: eddsa-rdfc-2022, and Ed25519Signature2020 for credentials issued elsewhere. */
export function verificationSuites(loader?: DocumentLoader) {
  return [new DataIntegrityProof({ cryptosuite: eddsaRdfc2022For(loader) }), new Ed25519Signature2020()]
}
