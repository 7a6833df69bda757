import { createUser } from '@/lib/auth/service'
import { findSessionUser } from '@/lib/auth/sessions'
import { createSession } from '@/lib/auth/sessions'
import { createApprovedOrganisation } from '@/tests/factories/world'
import type { Runtime } from '@/lib/runtime'

// Two organisations, each with its people, for the issuer and onboarding tests: every action is
// tried by the right person, the wrong role, and the same role in ANOTHER organisation.

export const PASSWORD = 'correct horse battery'

export async function createTwoOrganisations(rt: Runtime) {
  const a = await createApprovedOrganisation(rt, { slug: 'ml-a', name: 'Mission Locale A', kind: 'youth_support' })
  const b = await createApprovedOrganisation(rt, { slug: 'employer-b', name: 'Entreprise B', kind: 'employer' })
  const user = (role: 'youth' | 'counsellor' | 'tutor' | 'recruiter' | 'admin', username: string, displayName: string, organisationId?: string) =>
    createUser(rt, { role, username, displayName, password: PASSWORD, organisationId })
  return {
    a, b,
    counsellorA: await user('counsellor', 'claire', 'Claire Martin', a.id),
    tutorA: await user('tutor', 'tom', 'Tom Tuteur', a.id),
    recruiterA: await user('recruiter', 'julie', 'Julie Lefèvre', a.id),
    youthA: await user('youth', 'samira', 'Samira B.', a.id),
    counsellorB: await user('counsellor', 'bob', 'Bob Autre', b.id),
    tutorB: await user('tutor', 'karim', 'Karim Benali', b.id),
    youthB: await user('youth', 'lucas', 'Lucas D.', b.id),
    admin: await user('admin', 'admin', 'Admin'),
  }
}

export type World = Awaited<ReturnType<typeof createTwoOrganisations>>

/** The SessionUser a service sees for this user id (through a real session). */
export async function sessionUser(rt: Runtime, userId: string) {
  const { token } = await createSession(rt, userId)
  const user = await findSessionUser(rt, token)
  if (!user) throw new Error('no session user')
  return user
}

export const form = (fields: Record<string, string | string[] | File>) => {
  const f = new FormData()
  for (const [k, v] of Object.entries(fields)) {
    if (Array.isArray(v)) for (const item of v) f.append(k, item)
    else f.set(k, v)
  }
  return f
}

export async function count(rt: Runtime, table: 'credentials' | 'account_links' | 'users'): Promise<number> {
  const { n } = await rt.db.selectFrom(table).select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow()
  return Number(n)
}
