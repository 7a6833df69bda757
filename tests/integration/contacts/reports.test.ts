import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest'
import { listReportsForAdmin, resolveReport } from '@/lib/contacts/reports'
import { decideRequest, reportRecruiter, sendMessage } from '@/lib/contacts/service'
import { setRuntime } from '@/lib/runtime'
import { createTestRuntime } from '../../factories/runtime'
import { cookieJar, outcome, signInAs } from '../../helpers/next-mocks'
import { form } from '../wallet/fixtures'
import { createContactsWorld, request, type ContactsWorld } from './_world'

vi.mock('next/headers', async () => (await import('../../helpers/next-mocks')).nextHeaders)
vi.mock('next/cache', async () => (await import('../../helpers/next-mocks')).nextCache)

const { resolveReportAction } = await import('@/app/(admin)/admin/reports/actions')
const { default: ReportsPage } = await import('@/app/(admin)/admin/reports/page')

type Rt = Awaited<ReturnType<typeof createTestRuntime>>
let rt: Rt
let w: ContactsWorld
let first: string
let second: string
let contactId: string
const actor = (u: { id: string; role: string }) => ({ id: u.id, role: u.role })

beforeAll(async () => {
  rt = await createTestRuntime()
  setRuntime(rt)
  w = await createContactsWorld(rt)
  contactId = await request(rt, w.julie, w.alice.id, 'Bonjour, un poste ?')
  await decideRequest(rt, actor(w.alice), { contactId, decision: 'accept' })
  // A question, then its answer a minute later (in one millisecond their order would be their random ids').
  const asked = new Date(Date.now() - 5 * 60_000)
  await sendMessage(rt, actor(w.julie), { contactId, body: 'Quel est ton numéro perso ?' }, asked)
  await sendMessage(rt, actor(w.alice), { contactId, body: 'Je préfère rester ici.' }, new Date(asked.getTime() + 60_000))
  first = await reportRecruiter(rt, actor(w.alice), { contactId, reason: 'inappropriate', details: 'Insiste pour mon numéro.', block: false }, new Date(Date.now() - 60_000))
  const other = await request(rt, w.romain, w.noah.id, 'Achetez nos formations !')
  second = await reportRecruiter(rt, actor(w.noah), { contactId: other, reason: 'spam', details: '', block: true })
})
afterAll(() => rt.cleanup())
beforeEach(() => cookieJar.clear())

describe('/admin/reports', () => {
  test('lists open reports oldest first with the recruiter, organisation, reason, details, date and the conversation', async () => {
    const { open, resolved } = await listReportsForAdmin(rt, actor(w.admin))
    expect(resolved).toEqual([])
    expect(open.map((r) => r.id)).toEqual([first, second])
    expect(open[0]).toMatchObject({
      reason: 'inappropriate', details: 'Insiste pour mon numéro.', recruiterName: 'Julie Recruteuse', organisationName: 'Boulangerie Test', reporterName: 'Alice Dupont',
      resolvedAt: null, context: { requestMessage: 'Bonjour, un poste ?', messages: [{ from: 'recruiter', body: 'Quel est ton numéro perso ?' }, { from: 'youth', body: 'Je préfère rester ici.' }] },
    })
    expect(open[1]).toMatchObject({ reason: 'spam', recruiterName: 'Romain Garagiste', organisationName: 'Garage Test', context: { requestMessage: 'Achetez nos formations !', messages: [] } })
  })

  test('only an admin sees or resolves reports', async () => {
    for (const u of [w.alice, w.julie, w.claire]) {
      await expect(listReportsForAdmin(rt, actor(u))).rejects.toMatchObject({ code: 'FORBIDDEN' })
      await expect(resolveReport(rt, actor(u), { reportId: first, note: 'x' })).rejects.toMatchObject({ code: 'FORBIDDEN' })
      await signInAs(rt, u.id)
      expect(await outcome(() => ReportsPage())).toBe('forbidden')
      expect(await outcome(() => resolveReportAction(undefined, form({ reportId: first, note: 'x' })))).toBe('forbidden')
    }
    cookieJar.clear()
    expect(await outcome(() => resolveReportAction(undefined, form({ reportId: first, note: 'x' })))).toBe('redirect:/sign-in')
    expect((await rt.db.selectFrom('reports').select('resolved_at').where('id', '=', first).executeTakeFirstOrThrow()).resolved_at).toBeNull()
  })

  test('the admin resolves one with a note; it moves below, the other stays open', async () => {
    await signInAs(rt, w.admin.id)
    expect(await resolveReportAction(undefined, form({ reportId: first, note: '  ' }))).toMatchObject({ ok: false, fieldErrors: { note: ['noteRequired'] } })
    expect(await resolveReportAction(undefined, form({ reportId: first, note: 'n'.repeat(1001) }))).toMatchObject({ ok: false, fieldErrors: { note: ['noteTooLong'] } })
    expect(await outcome(() => resolveReportAction(undefined, form({ reportId: 'nope', note: 'x' })))).toBe('not-found')
    expect(await resolveReportAction(undefined, form({ reportId: first, note: 'Recruteuse avertie par téléphone.' }))).toMatchObject({ ok: true })
    expect(await resolveReportAction(undefined, form({ reportId: first, note: 'encore' }))).toMatchObject({ ok: false, fieldErrors: { _form: ['alreadyResolved'] } })
    const { open, resolved } = await listReportsForAdmin(rt, actor(w.admin))
    expect(open.map((r) => r.id)).toEqual([second])
    expect(resolved).toEqual([expect.objectContaining({ id: first, resolutionNote: 'Recruteuse avertie par téléphone.', resolverName: 'Admin Tremplin' })])
  })
})
