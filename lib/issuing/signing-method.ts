/**
 * The verification method that signed a stored credential, read from the document without
 * verifying it: a Data Integrity proof's `verificationMethod` (the first proof), or a VC-JWT
 * header's `kid`. Null when the document does not say. Recorded at issue and import so the
 * issuer's list can tell which credentials a retired key signed.
 */
export function signingMethodOf(document: string): string | null {
  const text = document.trim()
  try {
    if (/^[\w-]+\.[\w-]+\.[\w-]*$/.test(text)) {
      const header = JSON.parse(Buffer.from(text.split('.')[0]!, 'base64url').toString('utf8')) as { kid?: unknown }
      return typeof header.kid === 'string' ? header.kid.slice(0, 2000) : null
    }
    const proof = (JSON.parse(text) as { proof?: unknown }).proof
    const first = (Array.isArray(proof) ? proof[0] : proof) as { verificationMethod?: unknown } | undefined
    const vm = typeof first?.verificationMethod === 'object' ? (first.verificationMethod as { id?: unknown } | null)?.id : first?.verificationMethod
    return typeof vm === 'string' ? vm.slice(0, 2000) : null
  } catch {
    return null
  }
}
