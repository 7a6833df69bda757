import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest'
import { listConsentEvents } from '@/lib/consent/repository'
import { blockRecruiter, decideRequest, listContacts, MESSAGE_LIMIT, openThread, reportRecruiter, sendMessage } from '@/lib/contacts/service'
import { setRuntime } from '@/lib/runtime'
import { createTestRuntime } from '../../factories/runtime'
import { cookieJar, outcome, signInAs } from '../../helpers/next-mocks'
import { form } from '../wallet/fixtures'
import { createContactsWorld, identifiers, request, type ContactsWorld } from './_world'

vi.mock('next/headers', async () => (await import('../../helpers/next-mocks')).nextHeaders)
vi.mock('next/cache', async () => (await import('../../helpers/next-mocks')).nextCache)

const { decideAction, blockAction, reportAction, sendMessageAction } = await import('@/app/(network)/contacts/actions')
const { default: ThreadPage } = await import('@/app/(network)/contacts/[id]/page')

type Rt = Awaited<ReturnType<typeof createTestRuntime>>
let rt: Rt
let w: ContactsWorld
const actor = (u: { id: string; role: string }) => ({ id: u.id, role: u.role })

beforeAll(async () => {
  rt = await createTestRuntime()
  setRuntime(rt)
  w = await createContactsWorld(rt)
})
afterAll(() => rt.cleanup())
beforeEach(() => cookieJar.clear())

/** Fails when any identifier of the young person appears in what a recruiter got. */
function expectBlind(value: unknown, youth: ContactsWorld['alice']) {
  const text = JSON.stringify(value) ?? ''
  for (const id of identifiers(youth)) expect(text, `leaks "${id}"`).not.toContain(id)
}

const page = (id: string) => outcome(() => ThreadPage({ params: Promise.resolve({ id }) }))

describe('before the young person accepts: blind', () => {
  let contactId: string
  beforeAll(async () => {
    contactId = await request(rt, w.julie, w.alice.id, 'Bonjour K7P3, un stage en boulangerie ?')
  })

  test('the recruiter’s list shows the directory handle and the status, never a name, username, e-mail or DID', async () => {
    const list = await listContacts(rt, actor(w.julie))
    expect(list).toMatchObject({ viewer: 'recruiter', contacts: [{ id: contactId, status: 'pending', handle: 'K7P3', youthName: null, closed: false }] })
    expectBlind(list, w.alice)
  })

  test('no thread: the page is a 404 for the recruiter and the young person, sending is refused', async () => {
    await expect(openThread(rt, actor(w.julie), contactId)).rejects.toMatchObject({ code: 'NOT_FOUND' })
    await signInAs(rt, w.julie.id)
    expect(await page(contactId)).toBe('not-found')
    expect(await outcome(() => sendMessageAction(undefined, form({ contactId, body: 'Allô ?' })))).toBe('not-found')
    await signInAs(rt, w.alice.id)
    expect(await page(contactId)).toBe('not-found')
    expect(await rt.db.selectFrom('contact_messages').select('id').execute()).toHaveLength(0)
  })

  test('every action a recruiter can call returns nothing about the young person', async () => {
    await signInAs(rt, w.julie.id)
    const results = [
      await outcome(() => sendMessageAction(undefined, form({ contactId, body: 'x' }))),
      await sendMessageAction(undefined, form({ contactId, body: '' })),
      await sendMessageAction(undefined, form({ contactId, body: 'y'.repeat(2001) })),
      await outcome(() => decideAction(undefined, form({ contactId, decision: 'accept' }))),
      await outcome(() => blockAction(undefined, form({ contactId }))),
      await outcome(() => reportAction(undefined, form({ contactId, reason: 'spam' }))),
    ]
    expect(results[0]).toBe('not-found')
    expect(results[1]).toMatchObject({ ok: false, fieldErrors: { body: ['bodyRequired'] } })
    expect(results[2]).toMatchObject({ ok: false, fieldErrors: { body: ['bodyTooLong'] } })
    expect(results.slice(3)).toEqual(['forbidden', 'forbidden', 'forbidden'])
    expectBlind(results, w.alice)
    expect((await rt.db.selectFrom('contact_requests').select('status').where('id', '=', contactId).executeTakeFirstOrThrow()).status).toBe('pending')
  })

  test('a declined request stays blind', async () => {
    const id = await request(rt, w.julie, w.noah.id)
    await decideRequest(rt, actor(w.noah), { contactId: id, decision: 'decline' })
    const list = await listContacts(rt, actor(w.julie))
    expect(list.contacts.find((c) => c.id === id)).toMatchObject({ status: 'declined', handle: 'M2Q9', youthName: null })
    expectBlind(list, w.noah)
    await expect(openThread(rt, actor(w.julie), id)).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })
})

describe('the young person decides', () => {
  test('sees the recruiter’s name, organisation, message and date', async () => {
    const id = await request(rt, w.romain, w.mallory.id, 'Un poste au garage ?')
    const list = await listContacts(rt, actor(w.mallory))
    expect(list).toMatchObject({ viewer: 'youth', contacts: [{ id, status: 'pending', recruiterName: 'Romain Garagiste', organisationName: 'Garage Test', message: 'Un poste au garage ?', blocked: false }] })
    expect(list.contacts[0]!.createdAt).toMatch(/^\d{4}-/)
  })

  test('accepting opens the thread, logs contact_accepted, and the recruiter now sees the name', async () => {
    const id = await request(rt, w.romain, w.alice.id)
    await signInAs(rt, w.alice.id)
    expect(await outcome(() => decideAction(undefined, form({ contactId: id, decision: 'accept' })))).toBe(`redirect:/contacts/${id}`)
    const log = await listConsentEvents(rt.db, w.alice.id)
    expect(log.filter((e) => e.kind === 'contact_accepted').map((e) => JSON.parse(e.detail!))).toEqual([{ contactId: id, organisation: 'Garage Test' }])
    expect((await listContacts(rt, actor(w.romain))).contacts.find((c) => c.id === id)).toMatchObject({ status: 'accepted', youthName: 'Alice Dupont', handle: 'K7P3' })
    expect(await openThread(rt, actor(w.romain), id)).toMatchObject({ viewer: 'recruiter', otherName: 'Alice Dupont', organisationName: 'Garage Test', open: true, messages: [] })
    // A second answer changes nothing.
    expect(await decideAction(undefined, form({ contactId: id, decision: 'decline' }))).toMatchObject({ ok: false, fieldErrors: { _form: ['alreadyDecided'] } })
    expect((await rt.db.selectFrom('contact_requests').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status).toBe('accepted')
  })

  test('declining logs contact_declined in the same change', async () => {
    const id = await request(rt, w.julie, w.mallory.id)
    await signInAs(rt, w.mallory.id)
    expect(await decideAction(undefined, form({ contactId: id, decision: 'decline' }))).toMatchObject({ ok: true })
    const row = await rt.db.selectFrom('contact_requests').select(['status', 'decided_at']).where('id', '=', id).executeTakeFirstOrThrow()
    expect(row.status).toBe('declined')
    const event = (await listConsentEvents(rt.db, w.mallory.id)).find((e) => e.kind === 'contact_declined')
    expect(JSON.parse(event!.detail!)).toEqual({ contactId: id, organisation: 'Boulangerie Test' })
    expect(event!.at).toBe(row.decided_at)
  })

  test('only the young person the request is for decides', async () => {
    const id = await request(rt, w.julie, (await freshYouth('gus')).id)
    await signInAs(rt, w.mallory.id)
    expect(await outcome(() => decideAction(undefined, form({ contactId: id, decision: 'accept' })))).toBe('not-found')
    for (const u of [w.admin, w.claire, w.romain]) {
      await signInAs(rt, u.id)
      expect(await outcome(() => decideAction(undefined, form({ contactId: id, decision: 'accept' })))).toBe('forbidden')
    }
    cookieJar.clear()
    expect(await outcome(() => decideAction(undefined, form({ contactId: id, decision: 'accept' })))).toBe('redirect:/sign-in')
    await expect(decideRequest(rt, actor(w.admin), { contactId: id, decision: 'accept' })).rejects.toMatchObject({ code: 'FORBIDDEN' })
    expect((await rt.db.selectFrom('contact_requests').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status).toBe('pending')
  })
})

describe('a conversation', () => {
  let id: string
  beforeAll(async () => {
    id = await request(rt, w.romain, w.noah.id, 'Bonjour !', new Date(Date.now() - 60_000))
    await decideRequest(rt, actor(w.noah), { contactId: id, decision: 'accept' })
  })

  test('messages go both ways, oldest first, plain text kept as typed; each side sees what the other wrote', async () => {
    await signInAs(rt, w.romain.id)
    expect(await sendMessageAction(undefined, form({ contactId: id, body: '  Bonjour Noah, <b>dispo</b> mardi ?  ' }))).toMatchObject({ ok: true })
    await signInAs(rt, w.noah.id)
    expect(await sendMessageAction(undefined, form({ contactId: id, body: 'Oui, mardi 10 h.' }))).toMatchObject({ ok: true })
    const noahView = await openThread(rt, actor(w.noah), id)
    expect(noahView).toMatchObject({ viewer: 'youth', otherName: 'Romain Garagiste', organisationName: 'Garage Test', requestMessage: 'Bonjour !' })
    expect(noahView.messages.map((m) => [m.mine, m.body])).toEqual([[false, 'Bonjour Noah, <b>dispo</b> mardi ?'], [true, 'Oui, mardi 10 h.']])
    const romainView = await openThread(rt, actor(w.romain), id)
    expect(romainView.messages.map((m) => [m.mine, m.body])).toEqual([[true, 'Bonjour Noah, <b>dispo</b> mardi ?'], [false, 'Oui, mardi 10 h.']])
  })

  test('unread counts on the list, cleared when the thread is opened', async () => {
    await sendMessage(rt, actor(w.romain), { contactId: id, body: 'Parfait.' })
    await sendMessage(rt, actor(w.romain), { contactId: id, body: 'À mardi.' })
    const before = await listContacts(rt, actor(w.noah))
    expect(before.unread).toBe(2)
    expect(before.contacts.find((c) => c.id === id)!.unread).toBe(2)
    expect((await listContacts(rt, actor(w.romain))).contacts.find((c) => c.id === id)!.unread).toBe(0)
    await openThread(rt, actor(w.noah), id)
    expect(await rt.db.selectFrom('contact_messages').select('id').where('contact_id', '=', id).where('read_at', 'is', null).execute()).toHaveLength(0)
    expect((await listContacts(rt, actor(w.noah))).unread).toBe(0)
    expect((await openThread(rt, actor(w.romain), id)).messages.filter((m) => m.mine).every((m) => m.readAt !== null)).toBe(true)
  })

  test('nobody else reads or writes it: another young person, another recruiter, an admin, a counsellor', async () => {
    for (const u of [w.mallory, w.alice, w.julie]) {
      await expect(openThread(rt, actor(u), id)).rejects.toMatchObject({ code: 'NOT_FOUND' })
      await expect(sendMessage(rt, actor(u), { contactId: id, body: 'intrus' })).rejects.toMatchObject({ code: 'NOT_FOUND' })
      await signInAs(rt, u.id)
      expect(await page(id)).toBe('not-found')
      expect(await outcome(() => sendMessageAction(undefined, form({ contactId: id, body: 'intrus' })))).toBe('not-found')
    }
    for (const u of [w.admin, w.claire]) {
      await expect(openThread(rt, actor(u), id)).rejects.toMatchObject({ code: 'FORBIDDEN' })
      await signInAs(rt, u.id)
      expect(await page(id)).toBe('forbidden')
      expect(await outcome(() => sendMessageAction(undefined, form({ contactId: id, body: 'intrus' })))).toBe('forbidden')
    }
    cookieJar.clear()
    expect(await page(id)).toBe('redirect:/sign-in')
    expect(await rt.db.selectFrom('contact_messages').select('id').where('body', '=', 'intrus').execute()).toHaveLength(0)
    await expect(openThread(rt, actor(w.noah), 'no-such-contact')).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })

  test('a message is at most 2000 characters', async () => {
    await signInAs(rt, w.noah.id)
    expect(await sendMessageAction(undefined, form({ contactId: id, body: 'a'.repeat(2001) }))).toMatchObject({ ok: false, fieldErrors: { body: ['bodyTooLong'] }, values: { body: 'a'.repeat(2001) } })
    expect(await sendMessageAction(undefined, form({ contactId: id, body: 'a'.repeat(2000) }))).toMatchObject({ ok: true })
  })

  test('messages are rate limited per sender', async () => {
    const start = new Date(Date.now() + 3600_000)
    for (let i = 0; i < MESSAGE_LIMIT.max; i++) await sendMessage(rt, actor(w.romain), { contactId: id, body: `m${i}` }, start)
    await expect(sendMessage(rt, actor(w.romain), { contactId: id, body: 'one too many' }, start)).rejects.toMatchObject({ fieldErrors: [{ path: 'form', message: 'tooManyMessages' }] })
    expect(await rt.db.selectFrom('contact_messages').select('id').where('body', '=', 'one too many').execute()).toHaveLength(0)
    await expect(sendMessage(rt, actor(w.romain), { contactId: id, body: 'later' }, new Date(start.getTime() + MESSAGE_LIMIT.windowMs))).resolves.toBeTruthy()
  })

  test('a recruiter whose organisation was suspended can no longer write', async () => {
    await rt.db.updateTable('organisations').set({ status: 'suspended' }).where('id', '=', w.garage.id).execute()
    await expect(sendMessage(rt, actor(w.romain), { contactId: id, body: 'suspendu' })).rejects.toMatchObject({ code: 'FORBIDDEN' })
    await rt.db.updateTable('organisations').set({ status: 'approved' }).where('id', '=', w.garage.id).execute()
  })
})

describe('block and report', () => {
  test('blocking from a pending request declines it, logs recruiter_blocked, and is idempotent', async () => {
    const id = await request(rt, w.julie, (await freshYouth('bea')).id)
    const bea = await rt.db.selectFrom('contact_requests').select('youth_user_id').where('id', '=', id).executeTakeFirstOrThrow()
    await signInAs(rt, bea.youth_user_id)
    expect(await blockAction(undefined, form({ contactId: id }))).toMatchObject({ ok: true })
    expect(await blockAction(undefined, form({ contactId: id }))).toMatchObject({ ok: true })
    expect(await rt.db.selectFrom('contact_requests').select('status').where('id', '=', id).executeTakeFirstOrThrow()).toEqual({ status: 'declined' })
    expect(await rt.db.selectFrom('blocks').selectAll().where('youth_user_id', '=', bea.youth_user_id).execute()).toEqual([expect.objectContaining({ recruiter_user_id: w.julie.id })])
    expect((await listConsentEvents(rt.db, bea.youth_user_id)).map((e) => e.kind)).toEqual(['recruiter_blocked'])
    expect((await listContacts(rt, { id: bea.youth_user_id, role: 'youth' })).contacts[0]).toMatchObject({ status: 'declined', blocked: true })
    await expect(decideRequest(rt, { id: bea.youth_user_id, role: 'youth' }, { contactId: id, decision: 'accept' })).rejects.toMatchObject({ code: 'CONFLICT' })
  })

  test('blocking in a conversation stops messages both ways; the recruiter sees it closed', async () => {
    const id = await request(rt, w.julie, (await freshYouth('chloe')).id)
    const chloe = (await rt.db.selectFrom('contact_requests').select('youth_user_id').where('id', '=', id).executeTakeFirstOrThrow()).youth_user_id
    await decideRequest(rt, { id: chloe, role: 'youth' }, { contactId: id, decision: 'accept' })
    await sendMessage(rt, actor(w.julie), { contactId: id, body: 'Message insistant' })
    await blockRecruiter(rt, { id: chloe, role: 'youth' }, { contactId: id })
    await expect(sendMessage(rt, actor(w.julie), { contactId: id, body: 'encore' })).rejects.toMatchObject({ code: 'FORBIDDEN' })
    await expect(sendMessage(rt, { id: chloe, role: 'youth' }, { contactId: id, body: 'non' })).rejects.toMatchObject({ code: 'FORBIDDEN' })
    await signInAs(rt, w.julie.id)
    expect(await sendMessageAction(undefined, form({ contactId: id, body: 'encore' }))).toMatchObject({ ok: false, fieldErrors: { _form: ['closed'] }, values: { body: 'encore' } })
    expect((await listContacts(rt, actor(w.julie))).contacts.find((c) => c.id === id)).toMatchObject({ status: 'accepted', closed: true })
    expect(await openThread(rt, { id: chloe, role: 'youth' }, id)).toMatchObject({ open: false })
  })

  test('reporting with a reason and details, blocking at the same time', async () => {
    const dan = await freshYouth('dan')
    const id = await request(rt, w.romain, dan.id, 'Envoie-moi ta photo')
    await signInAs(rt, dan.id)
    expect(await reportAction(undefined, form({ contactId: id, reason: 'bad', details: 'x' }))).toMatchObject({ ok: false, fieldErrors: { reason: ['reasonRequired'] }, values: { details: 'x' } })
    expect(await reportAction(undefined, form({ contactId: id, reason: 'spam', details: 'd'.repeat(2001) }))).toMatchObject({ ok: false, fieldErrors: { details: ['detailsTooLong'] } })
    expect(await reportAction(undefined, form({ contactId: id, reason: 'inappropriate', details: 'Demande une photo.', block: 'on' }))).toMatchObject({ ok: true })
    expect(await rt.db.selectFrom('reports').select(['reporter_user_id', 'recruiter_user_id', 'contact_id', 'reason', 'details', 'resolved_at']).where('contact_id', '=', id).execute())
      .toEqual([{ reporter_user_id: dan.id, recruiter_user_id: w.romain.id, contact_id: id, reason: 'inappropriate', details: 'Demande une photo.', resolved_at: null }])
    expect(await rt.db.selectFrom('blocks').select('recruiter_user_id').where('youth_user_id', '=', dan.id).execute()).toEqual([{ recruiter_user_id: w.romain.id }])
    expect((await listConsentEvents(rt.db, dan.id)).map((e) => e.kind)).toEqual(['recruiter_blocked'])
  })

  test('reporting without blocking leaves the contact as it was', async () => {
    const eve = await freshYouth('eve')
    const id = await request(rt, w.romain, eve.id)
    await reportRecruiter(rt, { id: eve.id, role: 'youth' }, { contactId: id, reason: 'not_a_job', details: '', block: false })
    expect(await rt.db.selectFrom('blocks').select('recruiter_user_id').where('youth_user_id', '=', eve.id).execute()).toEqual([])
    expect((await rt.db.selectFrom('contact_requests').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status).toBe('pending')
  })

  test('nobody blocks or reports on another person’s request', async () => {
    const id = await request(rt, w.romain, (await freshYouth('fay')).id)
    await signInAs(rt, w.mallory.id)
    expect(await outcome(() => blockAction(undefined, form({ contactId: id })))).toBe('not-found')
    expect(await outcome(() => reportAction(undefined, form({ contactId: id, reason: 'spam' })))).toBe('not-found')
    for (const u of [w.romain, w.admin]) {
      await signInAs(rt, u.id)
      expect(await outcome(() => blockAction(undefined, form({ contactId: id })))).toBe('forbidden')
      expect(await outcome(() => reportAction(undefined, form({ contactId: id, reason: 'spam' })))).toBe('forbidden')
    }
    expect(await rt.db.selectFrom('reports').select('id').where('contact_id', '=', id).execute()).toHaveLength(0)
    expect(await rt.db.selectFrom('blocks').select('youth_user_id').where('recruiter_user_id', '=', w.romain.id).where('youth_user_id', '=', w.mallory.id).execute()).toHaveLength(0)
  })
})

async function freshYouth(username: string) {
  const { createUser } = await import('@/lib/auth/service')
  return createUser(rt, { role: 'youth', username, displayName: `${username} Test` })
}
