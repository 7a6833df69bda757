import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest'
import { markAllReadAction } from '@/app/notifications/actions'
import { GET as openRoute } from '@/app/notifications/[id]/route'
import { PAGE_SIZE } from '@/lib/notifications/schemas'
import { countUnread, listNotifications, markAllRead, notify, openNotification } from '@/lib/notifications/service'
import { deleteAccount, exportPersonalData } from '@/lib/privacy/service'
import { setRuntime } from '@/lib/runtime'
import { requestAttestation, saveStory } from '@/lib/stories/service'
import { createTestRuntime } from '../../factories/runtime'
import { captureLogs } from '../../helpers/log-capture'
import { interruption, signInAs } from '../../helpers/next-mocks'
import { PASSWORD } from '../issuer/_world'
import { STORY } from '../stories/_world'
import { createNotificationsWorld, notificationsOf, total, type NotificationsWorld } from './_world'

vi.mock('next/headers', async () => (await import('../../helpers/next-mocks')).nextHeaders)
vi.mock('next/cache', async () => (await import('../../helpers/next-mocks')).nextCache)

// Reading: newest first, a bounded page, unread counted; opening one marks it read and leads to
// its target; "mark all as read". A person sees and marks only their own. Never fails an event.
// Their notifications are in their data export and go with their account.

let rt: Awaited<ReturnType<typeof createTestRuntime>>
let w: NotificationsWorld

beforeAll(async () => {
  rt = await createTestRuntime()
  w = await createNotificationsWorld(rt)
  setRuntime(rt)
}, 60_000)
afterAll(() => rt.cleanup())
beforeEach(async () => {
  await rt.db.deleteFrom('notifications').execute()
})

const at = (minutes: number) => new Date(Date.UTC(2027, 0, 10, 9, minutes))
const badge = (to: string, title: string, minutes: number) =>
  notify(rt.db, { to, kind: 'badge', params: { title, organisation: 'Mission Locale A' }, link: `/wallet/${title}`, now: at(minutes) })
const samira = () => ({ id: w.youthA.id })
const lucas = () => ({ id: w.youthB.id })

describe('the list', () => {
  test('newest first, unread counted, a page at a time', async () => {
    for (let i = 0; i < PAGE_SIZE + 3; i++) await badge(w.youthA.id, `b${i}`, i)
    const first = await listNotifications(rt, samira())
    expect(first.items).toHaveLength(PAGE_SIZE)
    expect(first.items[0]).toMatchObject({ kind: 'badge', params: { title: `b${PAGE_SIZE + 2}` }, read: false })
    expect(first).toMatchObject({ unread: PAGE_SIZE + 3, hasMore: true, page: 1 })
    const second = await listNotifications(rt, samira(), 2)
    expect(second.items.map((n) => n.params.title)).toEqual(['b2', 'b1', 'b0'])
    expect(second.hasMore).toBe(false)
    expect(await listNotifications(rt, lucas())).toMatchObject({ items: [], unread: 0 })
  })

  test('opening one marks it read and gives its link; “mark all as read” reads the rest', async () => {
    await badge(w.youthA.id, 'a', 1)
    await badge(w.youthA.id, 'b', 2)
    const [newest] = (await listNotifications(rt, samira())).items
    expect(await openNotification(rt, samira(), newest!.id)).toEqual({ link: '/wallet/b' })
    expect(await countUnread(rt, samira())).toBe(1)
    expect((await listNotifications(rt, samira())).items.map((n) => n.read)).toEqual([true, false])
    expect(await markAllRead(rt, samira())).toBe(1)
    expect(await countUnread(rt, samira())).toBe(0)
  })

  test('a link that is not an in-app path is never stored nor followed', async () => {
    for (const link of ['https://evil.example/x', '//evil.example', '/\\evil.example', 'javascript:alert(1)']) {
      await notify(rt.db, { to: w.youthA.id, kind: 'offer', params: { organisation: 'X' }, link })
    }
    expect((await notificationsOf(rt, w.youthA.id)).map((n) => n.link)).toEqual(Array(4).fill('/notifications'))
  })
})

describe('ownership', () => {
  test('another person’s id opens nothing and marks nothing, in the service and through the route', async () => {
    await badge(w.youthA.id, 'mine', 1)
    const [n] = await notificationsOf(rt, w.youthA.id)
    await expect(openNotification(rt, lucas(), n!.id)).rejects.toMatchObject({ code: 'NOT_FOUND' })
    expect(await markAllRead(rt, lucas())).toBe(0)

    await signInAs(rt, w.youthB.id)
    const res = await openRoute(new Request(`http://localhost/notifications/${n!.id}`), { params: Promise.resolve({ id: n!.id }) })
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('http://localhost/notifications')
    expect(await interruption(await markAllReadAction().catch((e) => e))).toBe('redirect:/notifications')
    expect((await notificationsOf(rt, w.youthA.id))[0]!.read_at).toBeNull()

    await signInAs(rt, w.youthA.id)
    const mine = await openRoute(new Request(`http://localhost/notifications/${n!.id}`), { params: Promise.resolve({ id: n!.id }) })
    expect(mine.headers.get('location')).toBe('http://localhost/wallet/mine')
    expect((await notificationsOf(rt, w.youthA.id))[0]!.read_at).not.toBeNull()
  })
})

describe('never makes an event fail', () => {
  test('a notification that cannot be written inside the event’s transaction is rolled back alone', async () => {
    const log = captureLogs()
    await rt.db.transaction().execute(async (trx) => {
      await trx.insertInto('directory_entries').values({ user_id: w.youthB.id, handle: 'Z9Z9', opted_in_at: new Date().toISOString() }).execute()
      // No such reader: the foreign key refuses the row.
      await notify(trx, { to: 'nobody', kind: 'offer', params: { organisation: 'X' }, link: '/wallet' })
      await notify(trx, { to: w.youthB.id, kind: 'offer', params: { organisation: 'Y' }, link: '/wallet' })
    })
    await notify(rt.db, { to: 'nobody', kind: 'offer', params: { organisation: 'X' }, link: '/wallet' })
    expect(await rt.db.selectFrom('directory_entries').select('handle').where('user_id', '=', w.youthB.id).executeTakeFirst()).toEqual({ handle: 'Z9Z9' })
    expect((await notificationsOf(rt, w.youthB.id)).map((n) => n.params.organisation)).toEqual(['Y'])
    expect(await total(rt)).toBe(1)
    expect(log.lines.filter((l) => l.level === 40 && l.kind === 'offer')).toHaveLength(2)
    log.restore()
    await rt.db.deleteFrom('directory_entries').where('user_id', '=', w.youthB.id).execute()
  })
})

describe('personal data', () => {
  test('the export holds the young person’s notifications (and no one else’s)', async () => {
    await badge(w.youthA.id, 'exported', 1)
    await badge(w.youthB.id, 'not-mine', 2)
    const data = await exportPersonalData(rt, { id: w.youthA.id, role: 'youth' })
    expect(data.notifications).toEqual([{ kind: 'badge', details: { title: 'exported', organisation: 'Mission Locale A' }, link: '/wallet/exported', createdAt: at(1).toISOString(), readAt: null }])
  })

  test('deleting an account deletes its notifications and those its actions put in other lists', async () => {
    const lucasUser = await w.as(w.youthB.id)
    await requestAttestation(rt, lucasUser, await saveStory(rt, lucasUser, STORY), w.counsellorB.id)
    await badge(w.youthB.id, 'gone', 1)
    await badge(w.youthA.id, 'stays', 2)
    expect(await notificationsOf(rt, w.counsellorB.id)).toHaveLength(1)
    const counts = await deleteAccount(rt, { id: w.youthB.id, role: 'youth' }, { username: 'lucas', password: PASSWORD })
    expect(counts.notifications).toBe(2)
    expect(await notificationsOf(rt, w.counsellorB.id)).toEqual([])
    expect(await notificationsOf(rt, w.youthB.id)).toEqual([])
    expect((await notificationsOf(rt, w.youthA.id)).map((n) => n.params.title)).toEqual(['stays'])
  })
})
