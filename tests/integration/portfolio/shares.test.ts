import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest'
import { hashToken } from '@/lib/security/tokens'
import { listShares } from '@/lib/portfolio/service'
import { setRuntime } from '@/lib/runtime'
import { createTestRuntime, TEST_PUBLIC_URL } from '../../factories/runtime'
import { cookieJar, outcome, signInAs, signOut } from '../../helpers/next-mocks'
import { createWalletWorld, form } from '../wallet/fixtures'
import { decodeQrSvg } from './qr-svg'

vi.mock('next/headers', async () => (await import('../../helpers/next-mocks')).nextHeaders)
vi.mock('next/cache', async () => (await import('../../helpers/next-mocks')).nextCache)

const { createShareAction, revokeShareAction } = await import('@/app/(youth)/wallet/shares/actions')

type Rt = Awaited<ReturnType<typeof createTestRuntime>>
let rt: Rt
let w: Awaited<ReturnType<typeof createWalletWorld>>

const shareForm = (fields: Partial<Record<'credentialIds' | 'about' | 'label' | 'expiresInDays', string | string[]>> = {}) =>
  form({ credentialIds: [w.badge.id, w.jwtBadge.id], about: 'Je cherche un apprentissage.', label: 'Entretien Carrefour', expiresInDays: '30', ...fields })
const countShares = async () => (await rt.db.selectFrom('shares').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n

async function created(fields?: Parameters<typeof shareForm>[0]) {
  const state = await createShareAction(undefined, shareForm(fields))
  if (!state?.ok) throw new Error(`share not created: ${JSON.stringify(state)}`)
  return { ...state, token: state.url.split('/p/')[1]! }
}

beforeAll(async () => {
  rt = await createTestRuntime()
  setRuntime(rt)
  w = await createWalletWorld(rt)
})
afterAll(() => rt.cleanup())
beforeEach(() => cookieJar.clear())

describe('createShareAction', () => {
  test('creates a link with a 256-bit token, looked up by its SHA-256 and never stored in clear', async () => {
    await signInAs(rt, w.alice.id)
    const { url, token } = await created()
    expect(url).toBe(`${TEST_PUBLIC_URL}/p/${token}`)
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/) // 32 random bytes, base64url
    const rows = await rt.db.selectFrom('shares').selectAll().execute()
    const row = rows.find((r) => r.token_hash === hashToken(token))
    expect(row).toMatchObject({ holder_user_id: w.alice.id, label: 'Entretien Carrefour', about: 'Je cherche un apprentissage.', view_count: 0, revoked_at: null })
    expect(JSON.stringify(rows)).not.toContain(token)
    const linked = await rt.db.selectFrom('share_credentials').select(['credential_id', 'position']).where('share_id', '=', row!.id).orderBy('position').execute()
    expect(linked.map((l) => l.credential_id)).toEqual([w.badge.id, w.jwtBadge.id])
  })

  test('expires after the chosen number of days, 30 when none is sent', async () => {
    await signInAs(rt, w.alice.id)
    const days = async (f: FormData) => {
      const before = Date.now()
      const state = await createShareAction(undefined, f)
      return state?.ok ? Math.round((new Date(state.expiresAt).getTime() - before) / 86400e3) : state
    }
    expect(await days(shareForm({ expiresInDays: '7' }))).toBe(7)
    expect(await days(shareForm({ expiresInDays: '90' }))).toBe(90)
    const withoutExpiry = shareForm()
    withoutExpiry.delete('expiresInDays')
    expect(await days(withoutExpiry)).toBe(30)
  })

  test('the QR code carries only the short share URL', async () => {
    await signInAs(rt, w.alice.id)
    const { url, qrSvg, qrPng } = await created()
    expect(decodeQrSvg(qrSvg)).toBe(url)
    expect(qrPng).toMatch(/^data:image\/png;base64,/)
  })

  test('refuses a credential of someone else, and creates nothing', async () => {
    await signInAs(rt, w.alice.id)
    const before = await countShares()
    const state = await createShareAction(undefined, shareForm({ credentialIds: [w.badge.id, w.malloryBadge.id] }))
    expect(state).toMatchObject({ ok: false, fieldErrors: { credentialIds: ['unavailable'] } })
    expect(await countShares()).toBe(before)
  })

  test('refuses a hidden credential', async () => {
    await signInAs(rt, w.alice.id)
    await rt.db.updateTable('credentials').set({ hidden_at: new Date().toISOString() }).where('id', '=', w.work.id).execute()
    try {
      const state = await createShareAction(undefined, shareForm({ credentialIds: [w.work.id] }))
      expect(state).toMatchObject({ ok: false, fieldErrors: { credentialIds: ['unavailable'] } })
    } finally {
      await rt.db.updateTable('credentials').set({ hidden_at: null }).where('id', '=', w.work.id).execute()
    }
  })

  test.each([
    ['no credential', { credentialIds: [] }, 'credentialIds', 'pickOne'],
    ['an about longer than 600 characters', { about: 'a'.repeat(601) }, 'about', 'aboutTooLong'],
    ['no label', { label: '  ' }, 'label', 'labelRequired'],
    ['an expiry that is not offered', { expiresInDays: '365' }, 'expiresInDays', 'expiryInvalid'],
  ])('returns %s as a field error, keeping what was typed', async (_, fields: Record<string, string | string[]>, field, key) => {
    await signInAs(rt, w.alice.id)
    const before = await countShares()
    const state = await createShareAction(undefined, shareForm(fields))
    expect(state).toMatchObject({ ok: false, fieldErrors: { [field]: [key] } })
    expect(state && !state.ok && state.values).toMatchObject({ about: fields.about ?? 'Je cherche un apprentissage.', label: fields.label ?? 'Entretien Carrefour' })
    expect(await countShares()).toBe(before)
  })

  test('is refused to counsellors and recruiters, and to visitors', async () => {
    const before = await countShares()
    for (const user of [w.counsellor, w.recruiter]) {
      await signInAs(rt, user.id)
      expect(await outcome(() => createShareAction(undefined, shareForm()))).toBe('forbidden')
    }
    signOut()
    expect(await outcome(() => createShareAction(undefined, shareForm()))).toBe('redirect:/sign-in')
    expect(await countShares()).toBe(before)
  })
})

describe('revokeShareAction and the list of shares', () => {
  test('the list shows only the young person’s own shares, with their status and counts', async () => {
    await signInAs(rt, w.mallory.id)
    await created({ credentialIds: [w.malloryBadge.id], label: 'Mallory’s' })
    const mine = await listShares(rt, { id: w.mallory.id, role: 'youth' })
    expect(mine.map((s) => s.label)).toEqual(['Mallory’s'])
    expect(mine[0]).toMatchObject({ credentialCount: 1, viewCount: 0, lastViewedAt: null, status: 'active' })
    expect((await listShares(rt, { id: w.alice.id, role: 'youth' })).every((s) => s.label !== 'Mallory’s')).toBe(true)
  })

  test('revokes one of the young person’s own shares at once', async () => {
    await signInAs(rt, w.alice.id)
    await created({ label: 'to revoke' })
    const share = (await listShares(rt, { id: w.alice.id, role: 'youth' })).find((s) => s.label === 'to revoke')!
    expect(await revokeShareAction(undefined, form({ shareId: share.id }))).toEqual({ ok: true })
    expect((await listShares(rt, { id: w.alice.id, role: 'youth' })).find((s) => s.id === share.id)?.status).toBe('revoked')
    expect(await revokeShareAction(undefined, form({ shareId: share.id }))).toEqual({ ok: true })
  })

  test('cannot revoke another young person’s share, which stays active', async () => {
    const mallorys = (await listShares(rt, { id: w.mallory.id, role: 'youth' }))[0]!
    await signInAs(rt, w.alice.id)
    expect(await revokeShareAction(undefined, form({ shareId: mallorys.id }))).toEqual({ ok: false, error: 'notFound' })
    expect((await listShares(rt, { id: w.mallory.id, role: 'youth' }))[0]!.status).toBe('active')
  })

  test('is refused to counsellors and recruiters', async () => {
    const mallorys = (await listShares(rt, { id: w.mallory.id, role: 'youth' }))[0]!
    for (const user of [w.counsellor, w.recruiter]) {
      await signInAs(rt, user.id)
      expect(await outcome(() => revokeShareAction(undefined, form({ shareId: mallorys.id })))).toBe('forbidden')
    }
    expect((await listShares(rt, { id: w.mallory.id, role: 'youth' }))[0]!.status).toBe('active')
  })
})
