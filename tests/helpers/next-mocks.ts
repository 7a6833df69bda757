import { createSession, SESSION_COOKIE } from '@/lib/auth/sessions'
import type { Runtime } from '@/lib/runtime'

// Server actions and guards read the request through next/headers. Outside Next, a test gives
// them a real cookie jar holding a real session token from the real database:
//
//   vi.mock('next/headers', async () => (await import('../../helpers/next-mocks')).nextHeaders)
//   vi.mock('next/cache', async () => (await import('../../helpers/next-mocks')).nextCache)
//   setRuntime(rt); await signInAs(rt, user.id)
//
// redirect(), notFound() and forbidden() (next/navigation) are the real ones: they throw errors
// whose `digest` says what happened — see `interruption()`.

export const cookieJar = new Map<string, string>()
export const requestHeaders = new Headers()

const cookieStore = {
  get: (name: string) => (cookieJar.has(name) ? { name, value: cookieJar.get(name)! } : undefined),
  getAll: () => [...cookieJar.entries()].map(([name, value]) => ({ name, value })),
  has: (name: string) => cookieJar.has(name),
  set: (name: string | { name: string; value: string }, value?: string) => {
    if (typeof name === 'string') cookieJar.set(name, value ?? '')
    else cookieJar.set(name.name, name.value)
  },
  delete: (name: string) => cookieJar.delete(name),
}

export const nextHeaders = {
  cookies: async () => cookieStore,
  headers: async () => requestHeaders,
}

export const revalidated: string[] = []
export const nextCache = {
  revalidatePath: (path: string) => { revalidated.push(path) },
  revalidateTag: (tag: string) => { revalidated.push(`tag:${tag}`) },
}

/** Puts a real session for `userId` in the jar; returns its token. */
export async function signInAs(rt: Pick<Runtime, 'db'>, userId: string): Promise<string> {
  const { token } = await createSession(rt, userId)
  cookieJar.set(SESSION_COOKIE, token)
  return token
}

export function signOut() {
  cookieJar.delete(SESSION_COOKIE)
}

/** What a thrown Next interruption means: 'redirect:/path', 'forbidden', 'not-found', or undefined. */
export function interruption(error: unknown): string | undefined {
  const digest = (error as { digest?: unknown })?.digest
  if (typeof digest !== 'string') return undefined
  if (digest.startsWith('NEXT_REDIRECT')) return `redirect:${digest.split(';')[2]}`
  if (digest === 'NEXT_HTTP_ERROR_FALLBACK;403') return 'forbidden'
  if (digest === 'NEXT_HTTP_ERROR_FALLBACK;404') return 'not-found'
  if (digest === 'NEXT_HTTP_ERROR_FALLBACK;401') return 'unauthorized'
  return undefined
}

/** Runs an action and returns what interrupted it (or 'returned'). */
export async function outcome(run: () => Promise<unknown>): Promise<string> {
  try {
    await run()
    return 'returned'
  } catch (e) {
    const what = interruption(e)
    if (what) return what
    throw e
  }
}
