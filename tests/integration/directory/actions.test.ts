import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest'
import { listConsentEvents } from '@/lib/consent/repository'
import { getMyHandle } from '@/lib/directory/service'
import { setRuntime } from '@/lib/runtime'
import { createTestRuntime } from '../../factories/runtime'
import { cookieJar, outcome, signInAs } from '../../helpers/next-mocks'
import { createDirectoryWorld, secretsOf, type DirectoryWorld } from './_world'

vi.mock('next/headers', async () => (await import('../../helpers/next-mocks')).nextHeaders)
vi.mock('next/cache', async () => (await import('../../helpers/next-mocks')).nextCache)

const { optInAction, optOutAction } = await import('@/app/(youth)/profile/directory/actions')
const { sendContactRequestAction } = await import('@/app/(recruiter)/directory/[handle]/actions')

// The directory's server actions: each guarded by its role, each refusing the others, and what
// they return to a recruiter never names the young person.

type Rt = Awaited<ReturnType<typeof createTestRuntime>>
let rt: Rt
let w: DirectoryWorld
beforeAll(async () => {
  rt = await createTestRuntime()
  setRuntime(rt)
  w = await createDirectoryWorld(rt)
})
afterAll(() => rt.cleanup())
beforeEach(() => cookieJar.clear())

const form = (fields: Record<string, string>) => {
  const f = new FormData()
  for (const [k, v] of Object.entries(fields)) f.set(k, v)
  return f
}
const MESSAGE = 'Bonjour, nous cherchons une personne pour la caisse le samedi.'

describe('opting in and out (young person)', () => {
  test('opt in then out: each writes the consent log with the change', async () => {
    await signInAs(rt, w.samira.id)
    expect(await optInAction(undefined, form({}))).toEqual({ ok: true, optedIn: true })
    const handle = await getMyHandle(rt, { id: w.samira.id, role: 'youth' })
    expect(handle).toBeTruthy()
    expect((await listConsentEvents(rt.db, w.samira.id)).map((e) => [e.kind, JSON.parse(e.detail!)])).toEqual([['directory_opt_in', { handle }]])
    expect(await optOutAction(undefined, form({}))).toEqual({ ok: true, optedIn: false })
    expect(await getMyHandle(rt, { id: w.samira.id, role: 'youth' })).toBeNull()
    expect((await listConsentEvents(rt.db, w.samira.id)).map((e) => e.kind)).toEqual(['directory_opt_in', 'directory_opt_out'])
    await optInAction(undefined, form({}))
  })

  test('refused to every other role, and to visitors', async () => {
    for (const u of [w.recruiter, w.tutor, w.counsellor, w.admin]) {
      await signInAs(rt, u.id)
      expect(await outcome(() => optInAction(undefined, form({})))).toBe('forbidden')
      expect(await outcome(() => optOutAction(undefined, form({})))).toBe('forbidden')
    }
    cookieJar.clear()
    expect(await outcome(() => optInAction(undefined, form({})))).toBe('redirect:/sign-in')
    expect(await rt.db.selectFrom('directory_entries').select('user_id').execute()).toEqual([{ user_id: w.samira.id }])
  })
})

describe('sending a contact request (recruiter)', () => {
  test('refused to young people, tutors, counsellors and admins; a pending organisation’s recruiter gets a plain reason', async () => {
    const handle = (await getMyHandle(rt, { id: w.samira.id, role: 'youth' }))!
    for (const u of [w.samira, w.tutor, w.counsellor, w.admin]) {
      await signInAs(rt, u.id)
      expect(await outcome(() => sendContactRequestAction(undefined, form({ handle, message: MESSAGE })))).toBe('forbidden')
    }
    await signInAs(rt, w.pendingRecruiter.id)
    expect(await sendContactRequestAction(undefined, form({ handle, message: MESSAGE }))).toMatchObject({ ok: false, fieldErrors: { form: ['organisationNotApproved'] } })
    expect(await rt.db.selectFrom('contact_requests').selectAll().execute()).toEqual([])
  })

  test('the message is required, 20 to 1000 characters; the text typed comes back', async () => {
    const handle = (await getMyHandle(rt, { id: w.samira.id, role: 'youth' }))!
    await signInAs(rt, w.recruiter.id)
    expect(await sendContactRequestAction(undefined, form({ handle, message: '  trop court  ' }))).toEqual({ ok: false, fieldErrors: { message: ['messageTooShort'] }, values: { message: '  trop court  ' } })
    expect(await sendContactRequestAction(undefined, form({ handle, message: 'x'.repeat(1001) }))).toMatchObject({ ok: false, fieldErrors: { message: ['messageTooLong'] } })
    expect(await sendContactRequestAction(undefined, form({ handle: 'not-a-handle', message: MESSAGE }))).toMatchObject({ ok: false, fieldErrors: { form: ['notFound'] } })
    expect(await sendContactRequestAction(undefined, form({ handle: 'ZZZZ-ZZZZ', message: MESSAGE }))).toMatchObject({ ok: false, fieldErrors: { form: ['notFound'] } })
  })

  test('sent once; a second time says so with the first one’s status; nothing returned names the young person', async () => {
    const handle = (await getMyHandle(rt, { id: w.samira.id, role: 'youth' }))!
    await signInAs(rt, w.recruiter.id)
    const first = await sendContactRequestAction(undefined, form({ handle: handle.toLowerCase(), message: MESSAGE }))
    expect(first).toEqual({ ok: true })
    const second = await sendContactRequestAction(undefined, form({ handle, message: MESSAGE }))
    expect(second).toMatchObject({ ok: false, fieldErrors: { form: ['alreadySent'] }, existing: { status: 'pending' } })
    const text = JSON.stringify([first, second])
    for (const secret of secretsOf(w, 'samira')) expect(text).not.toContain(secret)
    const row = await rt.db.selectFrom('contact_requests').selectAll().executeTakeFirstOrThrow()
    expect(row).toMatchObject({ youth_user_id: w.samira.id, recruiter_user_id: w.recruiter.id, recruiter_organisation_id: w.shop.id, status: 'pending', message: MESSAGE })
  })

  test('a young person who withdrew can no longer be asked', async () => {
    const handle = (await getMyHandle(rt, { id: w.samira.id, role: 'youth' }))!
    await signInAs(rt, w.samira.id)
    await optOutAction(undefined, form({}))
    await signInAs(rt, w.otherRecruiter.id)
    expect(await sendContactRequestAction(undefined, form({ handle, message: MESSAGE }))).toMatchObject({ ok: false, fieldErrors: { form: ['notFound'] } })
  })
})
