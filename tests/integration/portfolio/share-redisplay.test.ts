import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { sql } from 'kysely'
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest'
import { readEnv } from '@/lib/env'
import { exportPersonalData } from '@/lib/privacy/service'
import { findShareByTokenOrThrow, getShareContent, getShareToShow, listShares } from '@/lib/portfolio/service'
import { openShareToken } from '@/lib/portfolio/token-seal'
import { viewSharedPortfolio } from '@/lib/portfolio/view'
import { setRuntime } from '@/lib/runtime'
import { hashToken } from '@/lib/security/tokens'
import { dialectOf } from '@/db/client'
import { createTestRuntime, TEST_PUBLIC_URL } from '../../factories/runtime'
import { cookieJar, outcome, signInAs } from '../../helpers/next-mocks'
import { createWalletWorld, form } from '../wallet/fixtures'
import { decodeQrSvg } from './qr-svg'

// Issue 12 §3, decision 024: a share's link can be shown again to its holder. The token is kept
// only encrypted under the master key (bound to its share), still looked up by its hash.

vi.mock('next/headers', async () => (await import('../../helpers/next-mocks')).nextHeaders)
vi.mock('next/cache', async () => (await import('../../helpers/next-mocks')).nextCache)

const { createShareAction, revokeShareAction } = await import('@/app/(youth)/wallet/shares/actions')
const { default: SharePage } = await import('@/app/(youth)/wallet/shares/[id]/page')

type Rt = Awaited<ReturnType<typeof createTestRuntime>>
let rt: Rt
let w: Awaited<ReturnType<typeof createWalletWorld>>
const alice = () => ({ id: w.alice.id, role: 'youth' as const })
const mallory = () => ({ id: w.mallory.id, role: 'youth' as const })
const page = (id: string) => outcome(() => SharePage({ params: Promise.resolve({ id }) }))

async function created(label: string, credentialIds = [w.badge.id, w.jwtBadge.id]) {
  await signInAs(rt, w.alice.id)
  const state = await createShareAction(undefined, form({ credentialIds, about: 'Motivée.', label, expiresInDays: '30' }))
  if (!state?.ok) throw new Error(`share not created: ${JSON.stringify(state)}`)
  return { ...state, token: state.url.split('/p/')[1]! }
}
const row = (id: string) => rt.db.selectFrom('shares').selectAll().where('id', '=', id).executeTakeFirstOrThrow()

beforeAll(async () => {
  rt = await createTestRuntime()
  setRuntime(rt)
  w = await createWalletWorld(rt)
})
afterAll(() => rt.cleanup())
beforeEach(() => cookieJar.clear())

describe('a share is kept encrypted', () => {
  test('the row holds the token’s hash and its ciphertext, never the token; the whole database file does not contain it', async () => {
    const { shareId, token } = await created('Entretien boulangerie')
    const stored = await row(shareId)
    expect(stored.token_hash).toBe(hashToken(token))
    expect(stored.token_ciphertext).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/)
    expect(JSON.stringify(stored)).not.toContain(token)
    // The database file as a thief would copy it (WAL checkpointed first): no token, in any encoding.
    // SQLite's one file; on PostgreSQL the row above is what is stored.
    if (dialectOf(rt.db) !== 'sqlite') return
    await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(rt.db)
    const file = readFileSync(rt.env.databaseFile)
    for (const encoding of ['utf8', 'latin1'] as const) expect(file.toString(encoding)).not.toContain(token)
    expect(file.includes(Buffer.from(token, 'base64url'))).toBe(false)
  })

  test('the ciphertext opens only under this master key, and only on its own row', async () => {
    const { shareId, token } = await created('Clé ailleurs')
    const stored = await row(shareId)
    expect(openShareToken(rt.env, stored)).toBe(token)
    const otherKey = readEnv({ DATA_DIR: rt.dataDir, MASTER_KEY: randomBytes(32).toString('hex'), PUBLIC_URL: TEST_PUBLIC_URL, NODE_ENV: 'test' })
    expect(openShareToken(otherKey, stored)).toBeNull()
    const other = await created('Autre ligne')
    // A ciphertext copied onto another share's row does not open there (it is bound to its share's id).
    expect(openShareToken(rt.env, { ...(await row(other.shareId)), token_ciphertext: stored.token_ciphertext })).toBeNull()
    // Nor does one altered by a byte.
    const parts = stored.token_ciphertext!.split('.')
    parts[3] = (parts[3]![0] === 'A' ? 'B' : 'A') + parts[3]!.slice(1) // the first character: 6 bits of the first byte, never padding
    const altered = parts.join('.')
    expect(openShareToken(rt.env, { ...stored, token_ciphertext: altered })).toBeNull()
  })

  test('the young person’s data export lists her shares without their ciphertext or token', async () => {
    const { shareId, token } = await created('Export')
    const exported = JSON.stringify(await exportPersonalData(rt, alice()))
    expect(exported).toContain(shareId)
    expect(exported).not.toContain((await row(shareId)).token_ciphertext!)
    expect(exported).not.toContain(token)
  })
})

describe('showing a share again', () => {
  test('gives the same link as at creation, whose QR code opens the recruiter’s page', async () => {
    const first = await created('Revoir')
    const again = await getShareToShow(rt, alice(), first.shareId)
    expect(again).toMatchObject({ id: first.shareId, label: 'Revoir', status: 'active', canShowAgain: true, url: first.url, expiresAt: first.expiresAt, credentialCount: 2 })
    expect(decodeQrSvg(first.qrSvg)).toBe(again.url)
    const view = await viewSharedPortfolio(rt, again.url!.split('/p/')[1]!)
    expect(view.state).toBe('active')
    expect((await listShares(rt, alice())).find((s) => s.id === first.shareId)).toMatchObject({ canShowAgain: true })
  })

  test('a revoked share shows no link any more, and its link stops working', async () => {
    const { shareId, token } = await created('À arrêter')
    expect(await revokeShareAction(undefined, form({ shareId }))).toEqual({ ok: true })
    expect(await getShareToShow(rt, alice(), shareId)).toMatchObject({ status: 'revoked', url: null })
    expect((await findShareByTokenOrThrow(rt, token)).status).toBe('revoked')
    expect(await viewSharedPortfolio(rt, token)).toEqual({ state: 'revoked' })
  })

  test('an expired share shows no link', async () => {
    const { shareId } = await created('Fini')
    const later = new Date(Date.now() + 31 * 86400e3)
    expect(await getShareToShow(rt, alice(), shareId, later)).toMatchObject({ status: 'expired', url: null })
  })

  test('another young person’s share is not found, by the service and by the page; a malformed id is not found either', async () => {
    const { shareId } = await created('Privé')
    await expect(getShareToShow(rt, mallory(), shareId)).rejects.toMatchObject({ code: 'NOT_FOUND' })
    expect(JSON.stringify(await listShares(rt, mallory()))).not.toContain(shareId)
    await signInAs(rt, w.mallory.id)
    expect(await page(shareId)).toBe('not-found')
    expect(await page('not-a-uuid')).toBe('not-found')
    await signInAs(rt, w.counsellor.id)
    expect(await page(shareId)).toBe('forbidden')
    await expect(getShareToShow(rt, { id: w.counsellor.id, role: 'counsellor' }, shareId)).rejects.toMatchObject({ code: 'FORBIDDEN' })
  })

  test('a share made before tokens were kept says it cannot be shown again, and its link still works', async () => {
    const { shareId, token } = await created('Ancien')
    await rt.db.updateTable('shares').set({ token_ciphertext: null }).where('id', '=', shareId).execute()
    expect(await getShareToShow(rt, alice(), shareId)).toMatchObject({ status: 'active', canShowAgain: false, url: null })
    expect((await listShares(rt, alice())).find((s) => s.id === shareId)).toMatchObject({ status: 'active', canShowAgain: false })
    expect((await findShareByTokenOrThrow(rt, token)).status).toBe('active')
  })

  test('a new link like an old one starts from its badges, in order, its sections and its words; only the young person’s own', async () => {
    const { shareId } = await created('Comme avant', [w.work.id, w.badge.id])
    expect(await getShareContent(rt, alice(), shareId)).toEqual({ label: 'Comme avant', about: 'Motivée.', credentialIds: [w.work.id, w.badge.id], sections: [] })
    expect(await getShareContent(rt, mallory(), shareId)).toBeNull()
  })

  test('a token that no longer opens (the master key changed) is treated like a share made before: no link, said plainly', async () => {
    const { shareId } = await created('Clé changée')
    const moved = { ...rt, env: readEnv({ DATA_DIR: rt.dataDir, MASTER_KEY: randomBytes(32).toString('hex'), PUBLIC_URL: TEST_PUBLIC_URL, NODE_ENV: 'test' }) }
    expect(await getShareToShow(moved, alice(), shareId)).toMatchObject({ status: 'active', canShowAgain: false, url: null })
  })
})
