import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest'
import { LOCALE_COOKIE } from '@/lib/i18n/config'
import { setRuntime } from '@/lib/runtime'
import { localPathOr } from '@/lib/security/local-path'
import { createTestRuntime } from '../../factories/runtime'
import { cookieJar, outcome } from '../../helpers/next-mocks'

vi.mock('next/headers', async () => (await import('../../helpers/next-mocks')).nextHeaders)
vi.mock('next/cache', async () => (await import('../../helpers/next-mocks')).nextCache)

const { setLocaleAction } = await import('@/app/_actions/session')

// The language switch sends the visitor back to `back`: a path of this site, never another site
// (an open redirect makes a phishing link look like ours).

type Rt = Awaited<ReturnType<typeof createTestRuntime>>
let rt: Rt
beforeAll(async () => {
  rt = await createTestRuntime()
  setRuntime(rt)
})
afterAll(() => rt.cleanup())

const switchTo = (back: string) => {
  const form = new FormData()
  form.set('locale', 'en')
  form.set('back', back)
  cookieJar.clear()
  return outcome(() => setLocaleAction(form))
}

describe('the language switch', () => {
  test.each([
    '/\\evil.example', '/\\/evil.example', '//evil.example', '///evil.example', 'https://evil.example/', 'javascript:alert(1)',
    '/\t/evil.example', '/\n/evil.example', ' //evil.example', 'evil.example',
  ])('sends %j home, not to another site', async (back) => {
    expect(await switchTo(back)).toBe('redirect:/')
  })

  test.each(['/wallet', '/p/abc-DEF_123', '/directory?skill=x&page=2#results', '/verify'])('sends %j back where it was', async (back) => {
    expect(await switchTo(back)).toBe(`redirect:${back}`)
  })

  test('sets the language either way', async () => {
    await switchTo('/\\evil.example')
    expect(cookieJar.get(LOCALE_COOKIE)).toBe('en')
  })
})

describe('localPathOr', () => {
  test('keeps a path of this site, normalised the way the browser will read it', () => {
    expect(localPathOr('/a/../wallet')).toBe('/wallet')
    expect(localPathOr(null)).toBe('/')
    expect(localPathOr('/\\evil.example', '/verify')).toBe('/verify')
  })
})
