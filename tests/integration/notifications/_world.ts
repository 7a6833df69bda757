import type { Runtime } from '@/lib/runtime'
import { createStoriesWorld } from '../stories/_world'

// The stories world (organisations A and B with their people, partner C, an ESCO skill) with
// Samira (young person of A) listed in the directory, so that every event of issue 12 §5 can happen.

export async function createNotificationsWorld(rt: Runtime) {
  const w = await createStoriesWorld(rt)
  await rt.db.insertInto('directory_entries').values({ user_id: w.youthA.id, handle: 'K7P3', opted_in_at: new Date().toISOString() }).execute()
  return w
}

export type NotificationsWorld = Awaited<ReturnType<typeof createNotificationsWorld>>

/** Every notification a person reads, oldest first, with its params parsed. */
export async function notificationsOf(rt: Pick<Runtime, 'db'>, userId: string) {
  const rows = await rt.db.selectFrom('notifications').selectAll().where('user_id', '=', userId).orderBy('created_at').orderBy('id').execute()
  return rows.map((r) => ({ ...r, params: JSON.parse(r.params) as Record<string, string> }))
}

/** How many notifications exist in all (to say an event made exactly one). */
export async function total(rt: Pick<Runtime, 'db'>): Promise<number> {
  const { n } = await rt.db.selectFrom('notifications').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow()
  return Number(n)
}

export const CLAIMS = { skill: { name: 'Accueillir le public' }, level: 'autonomous', criteria: 'A tenu l’accueil du forum pendant deux jours.' }
