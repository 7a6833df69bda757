import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest'
import { createUser } from '@/lib/auth/service'
import { approveAs, listRegistryOrganisations, reinstateAs, suspendAs } from '@/lib/orgs/admin'
import { createOrganisation, getOrganisationOrThrow } from '@/lib/orgs/service'
import { listRegistries, loadRegistry, removeRegistry } from '@/lib/registry/service'
import { setRuntime } from '@/lib/runtime'
import { createTestRuntime } from '../../factories/runtime'
import { cookieJar, outcome, signInAs } from '../../helpers/next-mocks'
import { createTwoOrganisations, form, sessionUser, type World } from '../issuer/_world'

vi.mock('next/headers', async () => (await import('../../helpers/next-mocks')).nextHeaders)
vi.mock('next/cache', async () => (await import('../../helpers/next-mocks')).nextCache)

const actions = await import('@/app/(admin)/admin/registry-actions')

// The admin's registry screen: approve, suspend (with a reason), reinstate, load and remove
// external registries — each action guarded by requireRole('admin') AND by the service.

type Rt = Awaited<ReturnType<typeof createTestRuntime>>
let rt: Rt
let w: World
beforeAll(async () => {
  rt = await createTestRuntime()
  setRuntime(rt)
  w = await createTwoOrganisations(rt)
})
afterAll(() => rt.cleanup())
beforeEach(() => cookieJar.clear())

const status = async (slug: string) => (await getOrganisationOrThrow(rt, slug)).status
const registryFile = (name: string, entries: Record<string, unknown>) => new File([JSON.stringify({ meta: {}, registry: entries })], name, { type: 'application/json' })
let n = 0
const newPending = async () => (await createOrganisation(rt, { slug: `pending-${++n}`, name: `Club ${n}`, kind: 'training', region: 'Nord' })).slug

describe('the admin decides', () => {
  test('approves a pending organisation: back to /admin saying so; recorded with who and when, shown by name', async () => {
    const slug = await newPending()
    await signInAs(rt, w.admin.id)
    expect(await outcome(() => actions.approveOrganisationAction(undefined, form({ slug })))).toBe(`redirect:/admin?approved=${slug}`)
    const row = await getOrganisationOrThrow(rt, slug)
    expect(row).toMatchObject({ status: 'approved', approved_by: w.admin.id })
    const entry = (await listRegistryOrganisations(rt, await sessionUser(rt, w.admin.id))).find((o) => o.slug === slug)!
    expect(entry).toMatchObject({ status: 'approved', approvedAt: row.approved_at, approvedBy: { kind: 'user', name: 'Admin' } })
    expect(entry.events.map((e) => e.action).sort()).toEqual(['approved', 'registered'])
  })

  test('suspends only with a reason (kept on error), then reinstates', async () => {
    const slug = await newPending()
    await signInAs(rt, w.admin.id)
    await outcome(() => actions.approveOrganisationAction(undefined, form({ slug })))

    expect(await actions.suspendOrganisationAction(undefined, form({ slug, reason: '  ' }))).toMatchObject({ ok: false, fieldErrors: { reason: ['reasonRequired'] } })
    expect(await actions.suspendOrganisationAction(undefined, form({ slug, reason: 'ab' }))).toMatchObject({ ok: false, fieldErrors: { reason: ['reasonTooShort'] }, reason: 'ab' })
    expect(await status(slug)).toBe('approved')

    expect(await outcome(() => actions.suspendOrganisationAction(undefined, form({ slug, reason: 'Badges délivrés sans observation' })))).toBe(`redirect:/admin?suspended=${slug}`)
    const entry = (await listRegistryOrganisations(rt, await sessionUser(rt, w.admin.id))).find((o) => o.slug === slug)!
    expect(entry).toMatchObject({ status: 'suspended', suspendedBy: { kind: 'user', name: 'Admin' }, suspendedReason: 'Badges délivrés sans observation' })
    expect(entry.events.find((e) => e.action === 'suspended')).toMatchObject({ reason: 'Badges délivrés sans observation', actor: { kind: 'user', name: 'Admin' } })

    expect(await outcome(() => actions.reinstateOrganisationAction(undefined, form({ slug })))).toBe(`redirect:/admin?reinstated=${slug}`)
    expect(await status(slug)).toBe('approved')
  })

  test('a decision that no longer applies is a form error, not a crash: approve twice, reinstate an approved one, an unknown organisation', async () => {
    const slug = await newPending()
    await signInAs(rt, w.admin.id)
    await outcome(() => actions.approveOrganisationAction(undefined, form({ slug })))
    expect(await actions.approveOrganisationAction(undefined, form({ slug }))).toMatchObject({ ok: false, fieldErrors: { _form: ['conflict'] } })
    expect(await actions.reinstateOrganisationAction(undefined, form({ slug }))).toMatchObject({ ok: false, fieldErrors: { _form: ['conflict'] } })
    expect(await actions.approveOrganisationAction(undefined, form({ slug: 'no-such-org' }))).toMatchObject({ ok: false, fieldErrors: { _form: ['notFound'] } })
  })

  test('the registry lists pending organisations first (the longest waiting first), then approved, then suspended', async () => {
    const first = await newPending()
    const second = await newPending()
    const list = await listRegistryOrganisations(rt, await sessionUser(rt, w.admin.id))
    const statuses = list.map((o) => o.status)
    expect(statuses).toEqual([...statuses].sort((a, b) => ['pending', 'approved', 'suspended'].indexOf(a) - ['pending', 'approved', 'suspended'].indexOf(b)))
    const pendingSlugs = list.filter((o) => o.status === 'pending').map((o) => o.slug)
    expect(pendingSlugs.indexOf(first)).toBeLessThan(pendingSlugs.indexOf(second))
  })
})

describe('external registries from the admin screen', () => {
  test('load, re-load under the same name (replaces), list with counts and who, remove', async () => {
    await signInAs(rt, w.admin.id)
    const file = registryFile('dcc-sandbox.json', { 'did:key:z6MkOne': { name: 'One' }, 'did:key:z6MkTwo': { name: 'Two', url: 'https://two.example' } })
    expect(await outcome(() => actions.loadRegistryAction(undefined, form({ file, name: 'DCC Sandbox' })))).toBe('redirect:/admin?loaded=DCC%20Sandbox')
    const admin = await sessionUser(rt, w.admin.id)
    expect(await listRegistries(rt, admin)).toEqual([{ name: 'DCC Sandbox', entries: 2, loadedAt: expect.any(String), loadedBy: w.admin.id, loadedByName: 'Admin' }])

    const smaller = registryFile('dcc-sandbox.json', { 'did:key:z6MkThree': { name: 'Three' } })
    expect(await outcome(() => actions.loadRegistryAction(undefined, form({ file: smaller, name: 'DCC Sandbox' })))).toBe('redirect:/admin?replaced=DCC%20Sandbox')
    const dids = await rt.db.selectFrom('external_issuers').select('did').where('registry', '=', 'DCC Sandbox').execute()
    expect(dids.map((d) => d.did)).toEqual(['did:key:z6MkThree'])

    // Without a name, the file's name (without its extension) names the registry.
    expect(await outcome(() => actions.loadRegistryAction(undefined, form({ file: registryFile('community.json', { 'did:key:z6MkFour': { name: 'Four' } }), name: '' })))).toBe('redirect:/admin?loaded=community')
    expect((await listRegistries(rt, admin)).map((r) => [r.name, r.entries])).toEqual([['community', 1], ['DCC Sandbox', 1]])

    expect(await outcome(() => actions.removeRegistryAction(undefined, form({ name: 'community' })))).toBe('redirect:/admin?removed=community')
    expect(await actions.removeRegistryAction(undefined, form({ name: 'community' }))).toMatchObject({ ok: false, error: 'notFound' })
    expect((await listRegistries(rt, admin)).map((r) => r.name)).toEqual(['DCC Sandbox'])
  })

  test('a bad file is refused with every problem and changes nothing; no file, or one over 1 MB, too', async () => {
    await signInAs(rt, w.admin.id)
    const before = await rt.db.selectFrom('external_issuers').selectAll().execute()
    const bad = registryFile('bad.json', { 'did:key:z6MkOk': { name: 'Ok' }, 'not a did': { name: 'X' }, 'did:key:z6MkNoName': {} })
    expect(await actions.loadRegistryAction(undefined, form({ file: bad, name: 'DCC Sandbox' }))).toMatchObject({
      ok: false, name: 'DCC Sandbox',
      errors: [{ path: '/registry/not a did', message: 'invalidDid' }, { path: '/registry/did:key:z6MkNoName/name', message: 'nameMissing' }],
    })
    expect(await actions.loadRegistryAction(undefined, form({ name: 'X' }))).toMatchObject({ ok: false, errors: [{ path: '/file', message: 'fileMissing' }] })
    const huge = new File(['x'.repeat(1024 * 1024 + 1)], 'huge.json')
    expect(await actions.loadRegistryAction(undefined, form({ file: huge, name: 'X' }))).toMatchObject({ ok: false, errors: [{ message: 'tooLarge:1' }] })
    expect(await rt.db.selectFrom('external_issuers').selectAll().execute()).toEqual(before)
  })
})

describe('only the admin', () => {
  const attempts = {
    approve: (slug: string) => actions.approveOrganisationAction(undefined, form({ slug })),
    suspend: (slug: string) => actions.suspendOrganisationAction(undefined, form({ slug, reason: 'Une raison valable' })),
    reinstate: (slug: string) => actions.reinstateOrganisationAction(undefined, form({ slug })),
    load: () => actions.loadRegistryAction(undefined, form({ file: registryFile('r.json', { 'did:key:z6MkIntruder': { name: 'Intruder' } }), name: 'Intruders' })),
    remove: () => actions.removeRegistryAction(undefined, form({ name: 'DCC Sandbox' })),
  }

  test.each(['counsellorA', 'tutorA', 'recruiterA', 'youthA', 'visitor'] as const)('%s is refused every registry action, and nothing changes', async (who) => {
    const pendingSlug = await newPending()
    const approvedSlug = await newPending()
    const suspendedSlug = await newPending()
    const admin = await sessionUser(rt, w.admin.id)
    await approveAs(rt, admin, approvedSlug)
    await approveAs(rt, admin, suspendedSlug)
    await suspendAs(rt, admin, suspendedSlug, 'Pour le test')
    await loadRegistry(rt, admin, { name: 'DCC Sandbox', text: JSON.stringify({ registry: { 'did:key:z6MkKeep': { name: 'Keep' } } }) })
    const registriesBefore = await rt.db.selectFrom('external_issuers').selectAll().orderBy('did').execute()

    if (who !== 'visitor') await signInAs(rt, w[who].id)
    const expected = who === 'visitor' ? 'redirect:/sign-in' : 'forbidden'
    expect(await outcome(() => attempts.approve(pendingSlug))).toBe(expected)
    expect(await outcome(() => attempts.suspend(approvedSlug))).toBe(expected)
    expect(await outcome(() => attempts.reinstate(suspendedSlug))).toBe(expected)
    expect(await outcome(attempts.load)).toBe(expected)
    expect(await outcome(attempts.remove)).toBe(expected)

    expect([await status(pendingSlug), await status(approvedSlug), await status(suspendedSlug)]).toEqual(['pending', 'approved', 'suspended'])
    expect(await rt.db.selectFrom('external_issuers').selectAll().orderBy('did').execute()).toEqual(registriesBefore)
  })

  test('the services check again: a non-admin session is FORBIDDEN even when an action forgot its guard', async () => {
    const slug = await newPending()
    for (const id of [w.counsellorA.id, w.tutorB.id, w.recruiterA.id, w.youthA.id]) {
      const user = await sessionUser(rt, id)
      await expect(approveAs(rt, user, slug)).rejects.toMatchObject({ code: 'FORBIDDEN' })
      await expect(suspendAs(rt, user, slug, 'Une raison')).rejects.toMatchObject({ code: 'FORBIDDEN' })
      await expect(reinstateAs(rt, user, slug)).rejects.toMatchObject({ code: 'FORBIDDEN' })
      await expect(listRegistryOrganisations(rt, user)).rejects.toMatchObject({ code: 'FORBIDDEN' })
      await expect(loadRegistry(rt, user, { name: 'X', text: '{"registry":{"did:key:z6MkX":{"name":"X"}}}' })).rejects.toMatchObject({ code: 'FORBIDDEN' })
      await expect(listRegistries(rt, user)).rejects.toMatchObject({ code: 'FORBIDDEN' })
      await expect(removeRegistry(rt, user, 'DCC Sandbox')).rejects.toMatchObject({ code: 'FORBIDDEN' })
    }
    expect(await status(slug)).toBe('pending')
  })

  test('a second admin account may act: the role, not one account, is what counts', async () => {
    const other = await createUser(rt, { role: 'admin', username: 'admin2', displayName: 'Deuxième Admin', password: 'correct horse battery' })
    const slug = await newPending()
    await signInAs(rt, other.id)
    expect(await outcome(() => actions.approveOrganisationAction(undefined, form({ slug })))).toBe(`redirect:/admin?approved=${slug}`)
    expect((await getOrganisationOrThrow(rt, slug)).approved_by).toBe(other.id)
  })
})
