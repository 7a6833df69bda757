// Credential ids are `urn:uuid:…`: URLs carry just the UUID, which reads better and needs no escaping.

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** The URL segment for a credential id. */
export function credentialSegment(id: string): string {
  return id.startsWith('urn:uuid:') && UUID_RE.test(id.slice(9)) ? id.slice(9) : encodeURIComponent(id)
}

/** The credential id a URL segment stands for (the inverse of `credentialSegment`). */
export function credentialIdFromSegment(segment: string): string {
  if (UUID_RE.test(segment)) return `urn:uuid:${segment.toLowerCase()}`
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}

/** The page where a young person proves that an identifier a credential was issued to is theirs (decision 021). */
export const linkIdentifierPath = (did: string) => `/wallet/link?did=${encodeURIComponent(did)}`

/** The identifier a card offers to link: another one than the wallet's, not linked yet. */
export const identifierToLink = (card: { otherIdentifier?: { subject: string | null; binding?: string } | null }) =>
  (card.otherIdentifier?.subject && !card.otherIdentifier.binding ? card.otherIdentifier.subject : undefined)
