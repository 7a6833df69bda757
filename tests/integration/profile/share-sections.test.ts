import { createElement, type ReactElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { createFormatter, createTranslator, NextIntlClientProvider } from 'next-intl'
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest'
import { createShare } from '@/lib/portfolio/service'
import { viewSharedPortfolio } from '@/lib/portfolio/view'
import { createExperience, saveGoals } from '@/lib/profile/service'
import { setRuntime } from '@/lib/runtime'
import en from '@/messages/en'
import fr from '@/messages/fr'
import { createTestRuntime } from '../../factories/runtime'
import { cookieJar, signInAs } from '../../helpers/next-mocks'
import { createWalletWorld, form } from '../wallet/fixtures'

const MESSAGES = { en, fr } as const
let locale: 'en' | 'fr' = 'en'
vi.mock('next/headers', async () => (await import('../../helpers/next-mocks')).nextHeaders)
vi.mock('next/cache', async () => (await import('../../helpers/next-mocks')).nextCache)
// The recruiter's sections are a server component: its translator and formatter are next-intl's own.
vi.mock('next-intl/server', () => ({
  getTranslations: async (namespace?: string) => createTranslator({ locale, messages: MESSAGES[locale], namespace: namespace as never }),
  getFormatter: async () => createFormatter({ locale, timeZone: 'Europe/Paris' }),
  getLocale: async () => locale,
}))

const { createShareAction } = await import('@/app/(youth)/wallet/shares/actions')
const { OwnWords } = await import('@/app/(public)/p/[token]/profile-sections')

type Rt = Awaited<ReturnType<typeof createTestRuntime>>
let rt: Rt
let w: Awaited<ReturnType<typeof createWalletWorld>>
const alice = () => ({ id: w.alice.id, role: 'youth' })
const render = (element: ReactElement) =>
  renderToStaticMarkup(createElement(NextIntlClientProvider, { locale, messages: MESSAGES[locale], timeZone: 'Europe/Paris', children: element }))
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#x27;|&#39;/g, '\'').replace(/\s+/g, ' ')

beforeAll(async () => {
  rt = await createTestRuntime()
  setRuntime(rt)
  w = await createWalletWorld(rt)
  await createExperience(rt, alice(), {
    kind: 'informal', title: 'Aider ma grand-mère', place: 'À la maison', startedOn: '2023-02', endedOn: null,
    whatIDid: 'Les courses et ses rendez-vous.', whatILearned: 'M’organiser.', credentialIds: [],
  })
  await createExperience(rt, alice(), {
    kind: 'formal', title: 'CAP Boulangerie', place: 'CFA Roubaix', startedOn: '2024-09', endedOn: '2025-06',
    whatIDid: '', whatILearned: '', credentialIds: [w.work.id],
  })
  await saveGoals(rt, alice(), {
    goals: [{ occupationUri: null, label: 'Boulangère' }], region: 'Hauts-de-France', availability: 'soon',
    languages: [{ code: 'fr', level: 'native' }, { code: 'ar', level: 'fluent' }],
  })
})
afterAll(() => rt.cleanup())
beforeEach(() => {
  cookieJar.clear()
  locale = 'en'
})

describe('a share with profile sections', () => {
  test('the share form stores the chosen sections', async () => {
    await signInAs(rt, w.alice.id)
    const state = await createShareAction(undefined, form({ credentialIds: [w.badge.id], about: '', label: 'Avec parcours', expiresInDays: '30', sections: ['path', 'languages'] }))
    expect(state?.ok).toBe(true)
    const share = await rt.db.selectFrom('shares').select('id').where('label', '=', 'Avec parcours').executeTakeFirstOrThrow()
    const rows = await rt.db.selectFrom('share_sections').select('section').where('share_id', '=', share.id).orderBy('section').execute()
    expect(rows.map((r) => r.section)).toEqual(['languages', 'path'])
  })

  test('an unknown section is refused with a field key, and nothing is stored', async () => {
    await signInAs(rt, w.alice.id)
    const state = await createShareAction(undefined, form({ credentialIds: [w.badge.id], about: '', label: 'Bad', expiresInDays: '30', sections: ['diary'] }))
    expect(state && !state.ok && state.fieldErrors.sections).toEqual(['sectionInvalid'])
    expect(state && !state.ok && state.values.sections).toEqual(['diary'])
    expect(await rt.db.selectFrom('shares').select('id').where('label', '=', 'Bad').execute()).toEqual([])
  })

  test('the recruiter view carries only the chosen sections; without any, none', async () => {
    const withPath = await createShare(rt, alice(), { credentialIds: [w.badge.id], about: 'Bonjour', label: 'a', expiresInDays: 30, sections: ['path', 'availability'] })
    const view = await viewSharedPortfolio(rt, withPath.token, { lang: 'fr' })
    if (view.state !== 'active') throw new Error(view.state)
    expect(view.profile.sections).toEqual(['path', 'availability'])
    expect(view.profile.path?.map((e) => e.title)).toEqual(['Aider ma grand-mère', 'CAP Boulangerie'])
    expect(view.profile.availability).toEqual({ availability: 'soon', region: 'Hauts-de-France' })
    expect(view.profile.goals).toBeUndefined()
    expect(view.profile.languages).toBeUndefined()

    const plain = await createShare(rt, alice(), { credentialIds: [w.badge.id], about: '', label: 'b', expiresInDays: 30 })
    const plainView = await viewSharedPortfolio(rt, plain.token)
    expect(plainView.state === 'active' && plainView.profile).toEqual({ sections: [] })
  })

  test('renders them as the young person’s own words, plainly theirs and with no "not verified" verdict, in both languages', async () => {
    const share = await createShare(rt, alice(), { credentialIds: [w.badge.id], about: '', label: 'c', expiresInDays: 30, sections: ['path', 'goals', 'languages', 'availability'] })
    const view = await viewSharedPortfolio(rt, share.token, { lang: 'en' })
    if (view.state !== 'active') throw new Error(view.state)
    const en = text(render((await OwnWords({ profile: view.profile, about: '', holderName: 'Alice' }))!))
    expect(en).toContain('In their own words')
    expect(en).toContain('Written by Alice: not signed by an organisation.')
    expect(en).not.toMatch(/not verified/i)
    expect(en).toContain('Aider ma grand-mère')
    expect(en).toContain('since February 2023')
    expect(en).toContain('Life experience')
    expect(en).toContain('School or training')
    expect(en).toContain('September 2024 – June 2025')
    expect(en).toContain('What I learned M’organiser.')
    expect(en).toContain('Boulangère')
    expect(en).toContain('French: Native language')
    expect(en).toContain('Arabic: Fluent')
    expect(en).toContain('Available in the coming weeks')
    expect(en).toContain('Region: Hauts-de-France')
    // Read only: no edit link, no link to the wallet's credentials.
    expect(en).not.toContain('Edit')

    locale = 'fr'
    const fr = text(render((await OwnWords({ profile: view.profile, about: '', holderName: 'Alice' }))!))
    expect(fr).toContain('Ses propres mots')
    expect(fr).not.toMatch(/non vérifié/i)
    expect(fr).toContain('depuis février 2023')
    expect(fr).toContain('arabe : Courant')
  })

  test('nothing is rendered when no section was chosen', async () => {
    expect(await OwnWords({ profile: { sections: [] }, about: '', holderName: 'Alice' })).toBeNull()
  })

  test('a chosen section left empty is not shown to the recruiter (no "nothing written here")', async () => {
    const share = await createShare(rt, alice(), { credentialIds: [w.badge.id], about: '', label: 'd', expiresInDays: 30, sections: ['path', 'goals', 'languages', 'availability'] })
    await saveGoals(rt, alice(), { goals: [], region: '', availability: '', languages: [] })
    const view = await viewSharedPortfolio(rt, share.token, { lang: 'en' })
    if (view.state !== 'active') throw new Error(view.state)
    expect(view.profile).toEqual({ sections: ['path', 'goals', 'languages', 'availability'], path: expect.any(Array) })
    const en = text(render((await OwnWords({ profile: view.profile, about: '', holderName: 'Alice' }))!))
    expect(en).toContain('Aider ma grand-mère')
    expect(en).not.toContain(MESSAGES.en.profile.public.goals)
    expect(en).not.toContain(MESSAGES.en.profile.public.availability)
    expect(en).not.toContain(MESSAGES.en.profile.public.empty)
  })
})
