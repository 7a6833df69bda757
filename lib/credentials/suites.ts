import { DataIntegrityProof } from '@digitalbazaar/data-integrity'
import { Ed25519Signature2020 } from '@digitalbazaar/ed25519-signature-2020'
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite'
import type { Ed25519Signer } from '@/lib/dids/signer'

/** The proof suite we sign with: Data Integrity, eddsa-rdfc-2022. */
export function signingSuite(signer: Ed25519Signer, date?: Date) {
  return new DataIntegrityProof({ signer, cryptosuite: eddsaRdfc2022, ...(date ? { date } : {}) })
}

/** The suites we verify: eddsa-rdfc-2022, and Ed25519Signature2020 for credentials issued elsewhere. */
export function verificationSuites() {
  return [new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 }), new Ed25519Signature2020()]
}
