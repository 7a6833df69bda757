import { randomBytes, randomUUID } from 'node:crypto'
import QRCode from 'qrcode'
import { hashToken } from '@/lib/security/tokens'
import type { Runtime } from '@/lib/runtime'
import * as repo from './repository'
import type { Role } from '@/db/enums'

/** Activation and invitation links work for 7 days, once. */
export const LINK_TTL_MS = 7 * 24 * 3600 * 1000

export type LinkPurpose = 'activation' | 'invitation'

const PATHS: Record<LinkPurpose, string> = { activation: '/activate', invitation: '/join' }

/** What the person who created a link sees, once: the URL and when it stops working. */
export interface IssuedLink {
  url: string
  expiresAt: string
}

/** A 256-bit random token (base64url): the URL carries it, the database keeps only its SHA-256. */
export function newLinkToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString('base64url')
  return { token, tokenHash: hashToken(token) }
}

export function linkUrl(publicUrl: string, purpose: LinkPurpose, token: string): string {
  return `${publicUrl}${PATHS[purpose]}/${token}`
}

/** Tokens are base64url of 32 bytes: anything else is not worth a database lookup. */
export function isWellFormedToken(token: unknown): token is string {
  return typeof token === 'string' && /^[A-Za-z0-9_-]{43}$/.test(token)
}

interface NewLink {
  purpose: LinkPurpose
  createdBy: string
  userId?: string
  organisationId?: string | null
  role?: Role
  email?: string | null
  now: Date
}

/** Stores a new one-time link and returns its URL; the token itself is never stored. */
export async function createLink(rt: Pick<Runtime, 'db' | 'env'>, link: NewLink): Promise<IssuedLink & { id: string }> {
  const { token, tokenHash } = newLinkToken()
  const id = randomUUID()
  const expiresAt = new Date(link.now.getTime() + LINK_TTL_MS).toISOString()
  await repo.insertAccountLink(rt.db, {
    id, token_hash: tokenHash, purpose: link.purpose, user_id: link.userId ?? null,
    organisation_id: link.organisationId ?? null, role: link.role ?? null, email: link.email ?? null,
    created_by: link.createdBy, created_at: link.now.toISOString(), expires_at: expiresAt, used_at: null,
  })
  return { id, url: linkUrl(rt.env.publicUrl, link.purpose, token), expiresAt }
}

/** The link as a QR code (SVG markup). It carries only the URL: a small, easily scanned code. */
export function qrCodeSvg(url: string): Promise<string> {
  return QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 })
}

/** A link that is still usable: known, of this purpose, unused and unexpired. */
export async function findUsableLink(rt: Pick<Runtime, 'db'>, token: unknown, purpose: LinkPurpose, now: Date) {
  if (!isWellFormedToken(token)) return undefined
  const link = await repo.findAccountLinkByHash(rt.db, hashToken(token))
  if (!link || link.purpose !== purpose || link.used_at || link.expires_at <= now.toISOString()) return undefined
  return link
}
