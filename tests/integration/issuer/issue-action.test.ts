import sharp from 'sharp'
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest'
import { createUser } from '@/lib/auth/service'
import { issueForOrganisation } from '@/lib/issuing/service'
import { setRuntime } from '@/lib/runtime'
import { verifyOnInstance } from '@/lib/verification/service'
import { dayAfter } from '../../factories/clock'
import { createTestRuntime } from '../../factories/runtime'
import { cookieJar, outcome, signInAs } from '../../helpers/next-mocks'
import { count, createTwoOrganisations, form, type World } from './_world'

vi.mock('next/headers', async () => (await import('../../helpers/next-mocks')).nextHeaders)
vi.mock('next/cache', async () => (await import('../../helpers/next-mocks')).nextCache)

const { issueAction } = await import('@/app/(issuer)/issuer/issue/actions')

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

const ESCO_TEAMWORK = JSON.stringify({ uri: 'http://data.europa.eu/esco/skill/60c78287-22eb-4103-9c8c-28deaa460da0', kind: 'skill', framework: 'ESCO', code: null, label: 'travailler en équipe' })
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64')

const skillBadge = (overrides: Record<string, string | string[] | File> = {}) => ({
  intent: 'issue', templateId: 'skill-badge', holderId: w.youthA.id,
  skill: 'travailler en équipe', skillConcept: ESCO_TEAMWORK, level: 'autonomous',
  criteria: 'A organisé seule la collecte de la banque alimentaire pendant trois samedis.', evidenceLevel: 'assessed',
  evidenceNarrative: 'Planning des bénévoles tenu pendant un mois.', evidenceUrl: '', validity: 'none', validUntil: '', language: 'fr',
  ...overrides,
})

const workExperience = (overrides: Record<string, string | string[]> = {}) => ({
  intent: 'issue', templateId: 'work-experience', holderId: w.youthA.id,
  kind: 'internship', role: 'Vendeuse en boulangerie', placeName: 'Boulangerie du Marché', placeLocality: 'Roubaix', placeCountry: 'fr',
  periodStart: '2026-05-04', periodEnd: '2026-06-26', tasks: 'Accueillir les clients\n\n  Tenir la caisse  \n', evidenceLevel: 'witnessed',
  skills: [ESCO_TEAMWORK, JSON.stringify({ uri: 'https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32018H0604(01)#KC4', kind: 'key_competence', code: 'KC4', label: 'Compétence numérique' })],
  evidenceNarrative: '', evidenceUrl: '', validity: 'none', language: 'fr',
  ...overrides,
})

/** Runs the action; a redirect to the issued list means it signed: returns the stored row. */
async function issued(fields: Record<string, string | string[] | File>) {
  const result = await outcome(() => issueAction(undefined, form(fields)))
  const m = /^redirect:\/issuer\/issued\?issued=(.+)$/.exec(result)
  if (!m) throw new Error(`not issued: ${result}`)
  return rt.db.selectFrom('credentials').selectAll().where('id', '=', decodeURIComponent(m[1]!)).executeTakeFirstOrThrow()
}

const verify = (document: string) => verifyOnInstance(rt, { input: document })

describe('issueAction: signing', () => {
  test('a counsellor issues a skill badge to a young person of their organisation, with the ESCO alignment and a photo', async () => {
    await signInAs(rt, w.counsellorA.id)
    const photo = new File([PNG], 'preuve.png', { type: 'image/png' })
    const row = await issued(skillBadge({ evidencePhoto: photo }))
    expect(row).toMatchObject({ issuer_organisation_id: w.a.id, issued_by_user_id: w.counsellorA.id, holder_user_id: w.youthA.id, subject_did: w.youthA.did, template_id: 'skill-badge', format: 'di', title: 'Travailler en équipe', language: 'fr', evidence_photo_type: 'image/jpeg' })
    // Stored re-encoded (lib/issuing/photo.ts reencodePhoto): a plain JPEG of the same picture.
    expect(await sharp(row.evidence_photo!).metadata()).toMatchObject({ format: 'jpeg', width: 1, height: 1 })
    const result = await verify(row.document)
    expect(result.verified).toBe(true)
    expect(result.checks.find((c) => c.id === 'issuer')?.status).toBe('passed')
    const vc = JSON.parse(row.document)
    expect(vc.credentialSubject.id).toBe(w.youthA.did)
    expect(vc.credentialSubject.achievement.alignment).toEqual([{ type: ['Alignment'], targetName: 'travailler en équipe', targetUrl: 'http://data.europa.eu/esco/skill/60c78287-22eb-4103-9c8c-28deaa460da0', targetFramework: 'ESCO' }])
    expect(vc.credentialSubject.result).toEqual([
      { type: ['Result'], resultDescription: 'urn:tremplin:result:level', achievedLevel: 'urn:tremplin:level:autonomous' },
      { type: ['Result'], resultDescription: 'urn:tremplin:result:evidence', achievedLevel: 'urn:tremplin:evidence:assessed' },
    ])
    expect(await rt.db.selectFrom('credential_skills').select(['skill_uri', 'evidence_level']).where('credential_id', '=', row.id).execute())
      .toEqual([{ skill_uri: 'http://data.europa.eu/esco/skill/60c78287-22eb-4103-9c8c-28deaa460da0', evidence_level: 'assessed' }])
    expect(vc.evidence[0].narrative).toBe('Planning des bénévoles tenu pendant un mois.')
  })

  test('a free-text skill (no taxonomy pick) is issued without an alignment', async () => {
    await signInAs(rt, w.counsellorA.id)
    const row = await issued(skillBadge({ skill: 'Réparer un vélo', skillConcept: '' }))
    expect(JSON.parse(row.document).credentialSubject.achievement.alignment).toBeUndefined()
    expect(row.evidence_photo).toBeNull()
  })

  test('an employer tutor issues a work-experience attestation as a VC-JWT, with the skills and a key competence', async () => {
    await signInAs(rt, w.tutorA.id)
    const until = dayAfter(new Date(), 400)
    const row = await issued(workExperience({ format: 'jwt', validity: 'until', validUntil: until, language: 'en' }))
    expect(row.format).toBe('jwt')
    expect(row.valid_until).toBe(`${until}T23:59:59Z`)
    const result = await verify(row.document)
    expect(result.verified).toBe(true)
    const payload = JSON.parse(Buffer.from(row.document.split('.')[1]!, 'base64url').toString())
    expect(payload.sub).toBe(w.youthA.did)
    const achievement = payload.vc.credentialSubject.achievement
    expect(achievement.criteria.narrative).toBe('Tasks :\n- Accueillir les clients\n- Tenir la caisse')
    expect(achievement.alignment.map((a: { targetCode?: string; targetFramework: string }) => a.targetCode ?? a.targetFramework))
      .toEqual(['ESCO', 'KC4'])
    expect(payload.vc.credentialSubject.source.address.addressCountryCode).toBe('FR')
    expect(payload.vc.credentialSubject.result).toEqual([{ type: ['Result'], resultDescription: 'urn:tremplin:result:evidence', achievedLevel: 'urn:tremplin:evidence:witnessed' }])
  })

  test('a tutor may issue to a young person another organisation onboarded once their organisation has attested them', async () => {
    await signInAs(rt, w.tutorB.id)
    const before = await count(rt, 'credentials')
    expect(await issueAction(undefined, form(workExperience()))).toMatchObject({ status: 'edit', fieldErrors: { holderId: ['unknownYoungPerson'] } })
    expect(await count(rt, 'credentials')).toBe(before)
    await issueForOrganisation(rt, { organisation: w.b, templateId: 'work-experience', subjectDid: w.youthA.did!, claims: { kind: 'job', role: 'Vendeuse', place: { name: 'Entreprise B', locality: 'Lille' }, period: { start: '2026-01-05' }, tasks: ['Vendre du pain'] } })
    const row = await issued(workExperience())
    expect(row.issuer_organisation_id).toBe(w.b.id)
  })
})

describe('issueAction: preview', () => {
  test('shows the card as it will be seen, and signs and stores nothing', async () => {
    await signInAs(rt, w.counsellorA.id)
    const before = await count(rt, 'credentials')
    const state = await issueAction(undefined, form(skillBadge({ intent: 'preview', evidencePhoto: new File([PNG], 'p.png') })))
    if (state?.status !== 'preview') throw new Error(JSON.stringify(state))
    expect(state.card).toMatchObject({ templateId: 'skill-badge', title: 'Travailler en équipe', level: { label: 'Autonome' }, evidenceLevel: 'assessed', issuer: { name: 'Mission Locale A' }, language: 'fr', hasPhoto: true })
    expect(state.card.alignments[0]?.targetName).toBe('travailler en équipe')
    expect(state.values.criteria).toContain('banque alimentaire')
    expect(await count(rt, 'credentials')).toBe(before)
  })
})

describe('issueAction: errors, field by field, nothing signed', () => {
  async function refused(fields: Record<string, string | string[] | File>) {
    await signInAs(rt, w.counsellorA.id)
    const before = await count(rt, 'credentials')
    const state = await issueAction(undefined, form(fields))
    expect(await count(rt, 'credentials')).toBe(before)
    if (state?.status !== 'edit') throw new Error(`expected errors, got ${JSON.stringify(state)}`)
    return state
  }

  test('invalid claims come back on the fields that hold them, with the input kept', async () => {
    const state = await refused(skillBadge({ skill: 'X', level: '', criteria: 'court', evidenceUrl: 'ftp://example.org/x' }))
    expect(state.fieldErrors).toEqual({ skill: ['tooShort:2'], level: ['required'], criteria: ['tooShort:10'], evidenceUrl: ['invalidUrl'] })
    expect(state.values).toMatchObject({ skill: 'X', criteria: 'court', evidenceUrl: 'ftp://example.org/x' })
  })

  test('form-level and claims errors are reported together', async () => {
    const state = await refused(skillBadge({ holderId: '', validity: 'until', validUntil: '', criteria: '' }))
    expect(state.fieldErrors).toMatchObject({ holderId: ['required'], validUntil: ['required'], criteria: ['required'] })
  })

  test('"How do you know?" is required, and staff may answer only witnessed or assessed', async () => {
    expect((await refused(skillBadge({ evidenceLevel: '' }))).fieldErrors).toEqual({ evidenceLevel: ['required'] })
    const { evidenceLevel: _, ...without } = workExperience()
    expect((await refused(without)).fieldErrors).toEqual({ evidenceLevel: ['required'] })
    expect((await refused(skillBadge({ evidenceLevel: 'self_declared' }))).fieldErrors).toEqual({ evidenceLevel: ['invalidChoice'] })
    expect((await refused(skillBadge({ evidenceLevel: 'guessed', intent: 'preview' }))).fieldErrors).toEqual({ evidenceLevel: ['invalidChoice'] })
  })

  test('a validity date in the past is refused', async () => {
    expect((await refused(skillBadge({ validity: 'until', validUntil: dayAfter(new Date(), -2) }))).fieldErrors).toEqual({ validUntil: ['dateInPast'] })
  })

  test('a work experience ending before it starts, without tasks, with a bad country', async () => {
    const state = await refused(workExperience({ periodEnd: '2026-04-01', tasks: '', placeCountry: 'France' }))
    expect(state.fieldErrors).toEqual({ tasks: ['required'], placeCountry: ['invalidCountry'] })
    expect((await refused(workExperience({ periodEnd: '2026-04-01' }))).fieldErrors).toEqual({ periodEnd: ['endBeforeStart'] })
  })

  test('a photo over 2 MB is refused', async () => {
    const big = Buffer.concat([PNG, Buffer.alloc(2 * 1024 * 1024)])
    expect((await refused(skillBadge({ evidencePhoto: new File([big], 'big.png', { type: 'image/png' }) }))).fieldErrors).toEqual({ evidencePhoto: ['photoTooLarge'] })
  })

  test.each([
    ['a text file', Buffer.from('hello, not an image')],
    ['a PDF named .jpg', Buffer.from('%PDF-1.7\n...')],
    ['an SVG (scriptable)', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')],
  ])('%s is refused as a photo, whatever its declared type', async (_, bytes) => {
    const state = await refused(skillBadge({ evidencePhoto: new File([bytes], 'photo.jpg', { type: 'image/jpeg' }) }))
    expect(state.fieldErrors).toEqual({ evidencePhoto: ['photoNotImage'] })
  })

  test('an unknown template is refused', async () => {
    expect((await refused(skillBadge({ templateId: 'diploma' }))).fieldErrors.templateId).toBeDefined()
  })
})

describe('issueWithEvidencePhoto', () => {
  test('stores the photo without its EXIF GPS position or the HTML appended to it', async () => {
    const { issueWithEvidencePhoto } = await import('@/lib/issuing/photo')
    const jpeg = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#369' } }).jpeg()
      .withExif({ IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '50/1 41/1 2/1', GPSMapDatum: 'gps-marker-of-home' } }).toBuffer()
    const photo = Buffer.concat([jpeg, Buffer.from('<html><script>alert(1)</script>')])
    const issued = await issueWithEvidencePhoto(rt, {
      organisation: w.a, templateId: 'skill-badge', subjectDid: w.youthA.did!, photo: new Uint8Array(photo),
      claims: { skill: { name: 'Cuisiner' }, level: 'expert', criteria: 'A cuisiné pour quarante personnes.' },
    })
    const row = await rt.db.selectFrom('credentials').select(['evidence_photo', 'evidence_photo_type']).where('id', '=', issued.id).executeTakeFirstOrThrow()
    const stored = Buffer.from(row.evidence_photo!)
    expect(row.evidence_photo_type).toBe('image/jpeg')
    expect(stored.includes('gps-marker-of-home')).toBe(false)
    expect(stored.includes('<script')).toBe(false)
    const meta = await sharp(stored).metadata()
    expect(meta).toMatchObject({ format: 'jpeg', width: 40, height: 30 })
    expect(meta.exif).toBeUndefined()
  })

  test('checks the photo before signing: an unusable photo signs and stores nothing', async () => {
    const { issueWithEvidencePhoto } = await import('@/lib/issuing/photo')
    const before = await count(rt, 'credentials')
    await expect(issueWithEvidencePhoto(rt, {
      organisation: w.a, templateId: 'skill-badge', subjectDid: w.youthA.did!, photo: new Uint8Array(Buffer.from('GIF89a')),
      claims: { skill: { name: 'Cuisiner' }, level: 'expert', criteria: 'A cuisiné pour quarante personnes.' },
    })).rejects.toMatchObject({ fieldErrors: [{ path: '/evidencePhoto', message: 'photoNotImage' }] })
    expect(await count(rt, 'credentials')).toBe(before)
  })
})

describe('issueAction: who may issue to whom', () => {
  test.each(['youthA', 'recruiterA', 'admin'] as const)('refuses %s', async (who) => {
    await signInAs(rt, w[who].id)
    const before = await count(rt, 'credentials')
    expect(await outcome(() => issueAction(undefined, form(skillBadge())))).toBe('forbidden')
    expect(await count(rt, 'credentials')).toBe(before)
  })

  test('sends a visitor to sign in', async () => {
    expect(await outcome(() => issueAction(undefined, form(skillBadge())))).toBe('redirect:/sign-in')
  })

  test.each(['issue', 'preview'])('a counsellor of another organisation cannot %s for a young person of this one', async (intent) => {
    const onlyA = await createUser(rt, { role: 'youth', username: `only-a-${intent}`, displayName: 'Seulement A', organisationId: w.a.id })
    await signInAs(rt, w.counsellorB.id)
    const before = await count(rt, 'credentials')
    const state = await issueAction(undefined, form(skillBadge({ intent, holderId: onlyA.id })))
    expect(state).toMatchObject({ status: 'edit', fieldErrors: { holderId: ['unknownYoungPerson'] } })
    expect(await count(rt, 'credentials')).toBe(before)
  })

  test('a counsellor cannot issue to a professional (not a young person) of their own organisation', async () => {
    await signInAs(rt, w.counsellorA.id)
    const state = await issueAction(undefined, form(skillBadge({ holderId: w.recruiterA.id })))
    expect(state).toMatchObject({ status: 'edit', fieldErrors: { holderId: ['unknownYoungPerson'] } })
  })
})
