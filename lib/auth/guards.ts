import { cookies } from 'next/headers'
import { forbidden, redirect } from 'next/navigation'
import { cache } from 'react'
import { getRuntime } from '@/lib/runtime'
import type { Role } from './service'
import { findSessionUser, SESSION_COOKIE, type SessionUser } from './sessions'

// Guards named by intent, for pages, layouts, server actions and route handlers. Each action and
// handler calls one itself: a layout's guard does not protect an action.

/** The signed-in user of this request, or null. Cached per request. */
export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  const token = (await cookies()).get(SESSION_COOKIE)?.value
  if (!token) return null
  return (await findSessionUser(await getRuntime(), token)) ?? null
})

/** The signed-in user; otherwise a redirect to sign-in. */
export async function requireUser(): Promise<SessionUser> {
  const user = await getCurrentUser()
  if (!user) redirect('/sign-in')
  return user
}

/** The signed-in user when their role is one of `roles`; otherwise 403 (or sign-in). */
export async function requireRole(...roles: Role[]): Promise<SessionUser> {
  const user = await requireUser()
  if (!roles.includes(user.role)) forbidden()
  return user
}
