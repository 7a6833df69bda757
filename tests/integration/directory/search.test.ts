import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { listConsentEvents } from '@/lib/consent/repository'
import { parseSearch } from '@/lib/directory/schemas'
import { getBlindProfile, getMyDirectory, optIn, optOut, recruiterAccess, searchDirectory, sendContactRequest } from '@/lib/directory/service'
import { createTestRuntime } from '../../factories/runtime'
import { createDirectoryWorld, secretsOf, SKILL_CARE, SKILL_CASH, SKILL_EXPIRED, SKILL_HIDDEN, SKILL_REVOKED, SKILL_SUSPENDED_ORG, SKILL_TEAM, type DirectoryWorld } from './_world'

// The recruiters' directory, through its service: opt-in (off by default, logged), the search and
// its filters, what counts, blocks, approved organisations only — and no leak of who anyone is.

type Rt = Awaited<ReturnType<typeof createTestRuntime>>
let rt: Rt
let w: DirectoryWorld
const youth = (id: string) => ({ id, role: 'youth' })
const recruiter = () => ({ id: w.recruiter.id, role: 'recruiter' })
const search = (params: Record<string, string> = {}) => searchDirectory(rt, recruiter(), parseSearch(params), 'fr')
const handles = async (params: Record<string, string> = {}) => (await search(params)).results.map((r) => r.handle)

let samiraHandle: string
let lucasHandle: string
beforeAll(async () => {
  rt = await createTestRuntime()
  w = await createDirectoryWorld(rt)
})
afterAll(() => rt.cleanup())

describe('opting in', () => {
  test('is off by default: nobody appears until they choose to', async () => {
    expect((await getMyDirectory(rt, youth(w.samira.id), 'fr')).optedIn).toBe(false)
    expect(await search()).toMatchObject({ total: 0, results: [] })
  })

  test('opting in gives a random handle and logs the consent with the change', async () => {
    const before = (await listConsentEvents(rt.db, w.samira.id)).length
    const r = await optIn(rt, youth(w.samira.id))
    expect(r.changed).toBe(true)
    expect(r.handle).toMatch(/^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$/)
    samiraHandle = r.handle
    const events = await listConsentEvents(rt.db, w.samira.id)
    expect(events).toHaveLength(before + 1)
    expect(events.at(-1)).toMatchObject({ kind: 'directory_opt_in' })
    expect(await optIn(rt, youth(w.samira.id))).toEqual({ handle: samiraHandle, changed: false })
    expect(await listConsentEvents(rt.db, w.samira.id)).toHaveLength(before + 1)
    lucasHandle = (await optIn(rt, youth(w.lucas.id))).handle
    expect(await handles()).toEqual(expect.arrayContaining([samiraHandle, lucasHandle]))
    expect(await handles()).toHaveLength(2)
  })

  test('a handle clash is retried with another handle', async () => {
    const seq = [samiraHandle, 'ZZZZ-2222']
    const r = await optIn(rt, youth(w.nora.id), new Date(), () => seq.shift()!)
    expect(r.handle).toBe('ZZZZ-2222')
    await optOut(rt, youth(w.nora.id))
  })

  test('withdrawing removes at once, logs it, and a return gets a new, unlinkable handle', async () => {
    await optOut(rt, youth(w.lucas.id))
    expect(await handles()).toEqual([samiraHandle])
    await expect(getBlindProfile(rt, recruiter(), lucasHandle, 'fr')).rejects.toMatchObject({ code: 'NOT_FOUND' })
    const events = await listConsentEvents(rt.db, w.lucas.id)
    expect(events.map((e) => e.kind)).toEqual(['directory_opt_in', 'directory_opt_out'])
    expect(await optOut(rt, youth(w.lucas.id))).toEqual({ changed: false })
    const back = await optIn(rt, youth(w.lucas.id))
    expect(back.handle).not.toBe(lucasHandle)
    lucasHandle = back.handle
    const mine = await getMyDirectory(rt, youth(w.lucas.id), 'fr')
    expect(mine.history.map((e) => e.kind)).toEqual(['directory_opt_in', 'directory_opt_out', 'directory_opt_in'])
    expect(mine.preview.handle).toBe(lucasHandle)
  })
})

describe('the search', () => {
  test('a card: handle, region, availability, counted skills with evidence level and who vouches, goals, languages', async () => {
    const card = (await search()).results.find((r) => r.handle === samiraHandle)!
    expect(card).toMatchObject({ region: 'Hauts-de-France', availability: 'now', goals: ['Vendeuse en boulangerie'], languages: [{ code: 'fr', level: 'native' }, { code: 'ar', level: 'fluent' }] })
    const skills = Object.fromEntries(card.skills.map((s) => [s.uri, s]))
    expect(skills[SKILL_TEAM]).toMatchObject({ bestLevel: 'assessed', sources: [{ level: 'assessed', issuer: { kind: 'organisation', name: 'Mission Locale Directe' } }] })
    expect(skills[SKILL_CASH]).toMatchObject({ bestLevel: 'witnessed', sources: [{ level: 'witnessed', issuer: { kind: 'organisation', name: 'Boulangerie Témoin' } }] })
    // Self-declared says so (never the document's issuer name); the imported one shows the registry's name.
    expect(skills[SKILL_CARE]!.sources).toEqual([
      { level: 'assessed', skillLevel: null, issuer: { kind: 'registry', name: 'Registre DCC des universités' } },
      { level: 'self_declared', skillLevel: null, issuer: { kind: 'self' } },
    ])
  })

  test('hidden, revoked, expired credentials and those of a suspended organisation do not count', async () => {
    const card = (await search()).results.find((r) => r.handle === samiraHandle)!
    const uris = card.skills.map((s) => s.uri)
    for (const uri of [SKILL_HIDDEN, SKILL_REVOKED, SKILL_EXPIRED, SKILL_SUSPENDED_ORG]) expect(uris).not.toContain(uri)
    for (const uri of [SKILL_HIDDEN, SKILL_REVOKED, SKILL_EXPIRED, SKILL_SUSPENDED_ORG]) expect(await handles({ skill: uri })).toEqual([])
  })

  test('skill filter: only who holds it, matching skill first on the card; a young person who never opted in never shows', async () => {
    expect((await handles({ skill: SKILL_TEAM })).sort()).toEqual([samiraHandle, lucasHandle].sort())
    expect(await handles({ skill: SKILL_CASH })).toEqual([samiraHandle])
    const card = (await search({ skill: SKILL_CASH })).results[0]!
    expect(card.skills[0]).toMatchObject({ uri: SKILL_CASH, matches: true })
    // The best evidence for the skill first: Samira's assessed teamwork before Lucas's witnessed.
    expect(await handles({ skill: SKILL_TEAM })).toEqual([samiraHandle, lucasHandle])
  })

  test('evidence filter: at least witnessed, or assessed — for the searched skill', async () => {
    expect(await handles({ skill: SKILL_TEAM, evidence: 'assessed' })).toEqual([samiraHandle])
    expect((await handles({ skill: SKILL_TEAM, evidence: 'witnessed' })).sort()).toEqual([samiraHandle, lucasHandle].sort())
    expect(await handles({ skill: SKILL_CASH, evidence: 'assessed' })).toEqual([])
    // Self-declared care does not reach "witnessed"; the imported assessed one does.
    expect(await handles({ evidence: 'assessed' })).toEqual([samiraHandle])
  })

  test('region (part of the name, any case) and availability filters exclude the others', async () => {
    expect(await handles({ region: 'hauts-de' })).toEqual([samiraHandle])
    expect(await handles({ region: 'Bretagne' })).toEqual([lucasHandle])
    expect(await handles({ region: '%' })).toEqual([])
    expect(await handles({ availability: 'soon' })).toEqual([lucasHandle])
    expect(await handles({ availability: 'now', region: 'Bretagne' })).toEqual([])
  })

  test('bad parameters lose their filter instead of failing; pages are bounded', async () => {
    const p = parseSearch({ skill: 'javascript:alert(1)', evidence: 'gold', availability: 'tomorrow', page: '-4', region: 'x'.repeat(500) })
    expect(p).toMatchObject({ skill: undefined, evidence: 'any', availability: undefined, page: 1, region: undefined })
    expect(parseSearch({ page: '99999' }).page).toBe(1)
    expect((await search({ page: '2' })).results).toEqual([])
  })

  test('a young person who blocked this recruiter never appears to them (still to others)', async () => {
    await rt.db.insertInto('blocks').values({ youth_user_id: w.lucas.id, recruiter_user_id: w.recruiter.id, created_at: new Date().toISOString() }).execute()
    expect(await handles()).toEqual([samiraHandle])
    await expect(getBlindProfile(rt, recruiter(), lucasHandle, 'fr')).rejects.toMatchObject({ code: 'NOT_FOUND' })
    await expect(sendContactRequest(rt, recruiter(), { handle: lucasHandle, message: 'Bonjour, un poste vous attend chez nous.' })).rejects.toMatchObject({ code: 'NOT_FOUND' })
    const other = await searchDirectory(rt, { id: w.otherRecruiter.id, role: 'recruiter' }, parseSearch({}), 'fr')
    expect(other.results.map((r) => r.handle)).toContain(lucasHandle)
    await rt.db.deleteFrom('blocks').execute()
  })
})

describe('who may search', () => {
  test('a recruiter of a pending organisation is refused, with the reason', async () => {
    const pending = { id: w.pendingRecruiter.id, role: 'recruiter' }
    expect(await recruiterAccess(rt, pending)).toEqual({ ok: false, reason: 'pending' })
    await expect(searchDirectory(rt, pending, parseSearch({}), 'fr')).rejects.toMatchObject({ code: 'FORBIDDEN' })
    await expect(getBlindProfile(rt, pending, samiraHandle, 'fr')).rejects.toMatchObject({ code: 'FORBIDDEN' })
    await expect(sendContactRequest(rt, pending, { handle: samiraHandle, message: 'Bonjour, un poste vous attend chez nous.' })).rejects.toMatchObject({ code: 'FORBIDDEN' })
    expect(await rt.db.selectFrom('contact_requests').selectAll().execute()).toEqual([])
  })

  test('young people, tutors, counsellors and admins are refused every recruiter function', async () => {
    for (const u of [youth(w.samira.id), { id: w.tutor.id, role: 'tutor' }, { id: w.counsellor.id, role: 'counsellor' }, { id: w.admin.id, role: 'admin' }]) {
      await expect(searchDirectory(rt, u, parseSearch({}), 'fr')).rejects.toMatchObject({ code: 'FORBIDDEN' })
      await expect(getBlindProfile(rt, u, samiraHandle, 'fr')).rejects.toMatchObject({ code: 'FORBIDDEN' })
      await expect(sendContactRequest(rt, u, { handle: samiraHandle, message: 'Bonjour, un poste vous attend chez nous.' })).rejects.toMatchObject({ code: 'FORBIDDEN' })
      await expect(recruiterAccess(rt, u)).rejects.toMatchObject({ code: 'FORBIDDEN' })
    }
    for (const u of [{ id: w.recruiter.id, role: 'recruiter' }, { id: w.admin.id, role: 'admin' }]) {
      await expect(optIn(rt, u)).rejects.toMatchObject({ code: 'FORBIDDEN' })
      await expect(optOut(rt, u)).rejects.toMatchObject({ code: 'FORBIDDEN' })
      await expect(getMyDirectory(rt, u, 'fr')).rejects.toMatchObject({ code: 'FORBIDDEN' })
    }
  })
})

describe('contact requests', () => {
  test('one per pair, ever: sent pending in the organisation’s name; a second says which status the first has', async () => {
    const sent = await sendContactRequest(rt, recruiter(), { handle: samiraHandle, message: 'Bonjour, nous cherchons quelqu’un pour la caisse.' })
    const row = await rt.db.selectFrom('contact_requests').selectAll().where('id', '=', sent.id).executeTakeFirstOrThrow()
    expect(row).toMatchObject({ youth_user_id: w.samira.id, recruiter_user_id: w.recruiter.id, recruiter_organisation_id: w.shop.id, status: 'pending' })
    await expect(sendContactRequest(rt, recruiter(), { handle: samiraHandle, message: 'Encore moi, pour la même offre de caisse.' }))
      .rejects.toMatchObject({ code: 'CONFLICT', details: { reason: 'exists', request: { status: 'pending' } } })
    await rt.db.updateTable('contact_requests').set({ status: 'declined', decided_at: new Date().toISOString() }).where('id', '=', sent.id).execute()
    expect((await getBlindProfile(rt, recruiter(), samiraHandle, 'fr')).request).toMatchObject({ status: 'declined' })
    await expect(sendContactRequest(rt, recruiter(), { handle: samiraHandle, message: 'Et si vous changiez d’avis pour la caisse ?' }))
      .rejects.toMatchObject({ code: 'CONFLICT', details: { reason: 'exists', request: { status: 'declined' } } })
  })

  test('refused once the young person withdrew', async () => {
    await optOut(rt, youth(w.lucas.id))
    await expect(sendContactRequest(rt, { id: w.otherRecruiter.id, role: 'recruiter' }, { handle: lucasHandle, message: 'Bonjour, un poste vous attend chez nous.' })).rejects.toMatchObject({ code: 'NOT_FOUND' })
    lucasHandle = (await optIn(rt, youth(w.lucas.id))).handle
  })

  test('rate limited per recruiter and day', async () => {
    const key = `contact-request:${w.otherRecruiter.id}`
    await rt.db.insertInto('rate_limits').values({ key, window_start: new Date().toISOString(), count: 20 }).execute()
    await expect(sendContactRequest(rt, { id: w.otherRecruiter.id, role: 'recruiter' }, { handle: lucasHandle, message: 'Bonjour, un poste vous attend chez nous.' }))
      .rejects.toMatchObject({ code: 'CONFLICT', details: { reason: 'rateLimited' } })
    expect(await rt.db.selectFrom('contact_requests').selectAll().where('recruiter_user_id', '=', w.otherRecruiter.id).execute()).toEqual([])
    await rt.db.deleteFrom('rate_limits').where('key', '=', key).execute()
  })
})

describe('no leak', () => {
  test('nothing search, profile or request returns names, identifies or contains a document of anyone', async () => {
    await optIn(rt, youth(w.lucas.id))
    const outputs: unknown[] = []
    for (const params of [{}, { skill: SKILL_CARE }, { skill: SKILL_TEAM, evidence: 'assessed' }, { region: 'hauts' }, { availability: 'now' }] as Record<string, string>[]) outputs.push(await search(params))
    const recruiters = [recruiter(), { id: w.otherRecruiter.id, role: 'recruiter' }]
    for (const r of recruiters) {
      for (const h of (await searchDirectory(rt, r, parseSearch({}), 'en')).results.map((x) => x.handle!)) {
        outputs.push(await getBlindProfile(rt, r, h, 'en'))
        outputs.push(await sendContactRequest(rt, r, { handle: h, message: 'Bonjour, un poste vous attend chez nous.' }).catch((e) => ({ code: e.code, details: e.details, message: e.message })))
      }
    }
    const text = JSON.stringify(outputs)
    expect(text).toContain(samiraHandle)
    expect(text).toContain('Registre DCC')
    for (const who of ['samira', 'lucas', 'nora'] as const) {
      for (const secret of secretsOf(w, who)) expect(text, `${who}: ${secret}`).not.toContain(secret)
    }
    // No credential document either: none of its words that a blind profile does not use.
    for (const word of ['credentialSubject', 'proof', 'did:', 'urn:uuid', 'Université Exemple', 'OpenBadgeCredential']) expect(text).not.toContain(word)
  })

  test('the young person’s own preview is the blind profile, exactly as recruiters see it', async () => {
    const mine = await getMyDirectory(rt, youth(w.samira.id), 'fr')
    const seen = await getBlindProfile(rt, { id: w.otherRecruiter.id, role: 'recruiter' }, samiraHandle, 'fr')
    expect(mine.preview).toEqual(seen.profile)
    for (const secret of secretsOf(w, 'samira')) expect(JSON.stringify(mine.preview)).not.toContain(secret)
  })
})

describe('paging', () => {
  test('20 a page, every opted-in young person once, with the total', async () => {
    const now = new Date().toISOString()
    for (let i = 0; i < 23; i++) {
      const id = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`
      await rt.db.insertInto('users').values({ id, email: null, username: `paged-${i}`, display_name: `Paged ${i}`, role: 'youth', organisation_id: null, did: null, password_hash: null, locale: 'fr', created_at: now, activated_at: null }).execute()
      await optIn(rt, youth(id))
    }
    const first = await search()
    const second = await search({ page: '2' })
    expect(first.total).toBe(second.total)
    expect(first.results).toHaveLength(20)
    expect(first.pageCount).toBe(2)
    expect(second.results).toHaveLength(first.total - 20)
    const all = [...first.results, ...second.results].map((r) => r.handle)
    expect(new Set(all).size).toBe(first.total)
    expect(await search({ page: '3' })).toMatchObject({ results: [] })
  })
})
