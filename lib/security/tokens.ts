import { createHash } from 'node:crypto'

/**
 * What is stored for a bearer secret (session, share, activation and invitation links, API
 * tokens): its SHA-256, hex. The secret itself is shown once and never stored.
 */
export const hashToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex')
