import { AppError, ValidationError } from '@/lib/errors'
import { registryActorId, type RegistryActor } from '@/lib/orgs/actor'
import type { Runtime } from '@/lib/runtime'
import { parseRegistryFile } from './parse'
import * as repo from './repository'
import { RegistryNameSchema } from './schemas'

// External registries of trusted issuers (docs/decisions/009): an admin loads a file in the DCC
// issuer-registry format; its issuers then show as known, labelled with the registry's name.

export interface RegistryDto {
  name: string
  entries: number
  loadedAt: string
  /** 'cli', or the id of the admin who loaded it. */
  loadedBy: string | null
  /** The admin's display name, when a signed-in admin loaded it. */
  loadedByName: string | null
}

export interface LoadedRegistry {
  name: string
  entries: number
  /** How many entries the previous load of the same registry had (0 for a new registry). */
  replaced: number
}

/**
 * Loads (or re-loads) an external registry: every entry of a previous load under the same name is
 * replaced, in one transaction. A file with any problem changes nothing.
 * @throws AppError FORBIDDEN (not the admin); ValidationError (`/name`, or paths into the file with message keys).
 */
export async function loadRegistry(rt: Pick<Runtime, 'db'>, by: RegistryActor, input: { name: string; text: string }, now = new Date()): Promise<LoadedRegistry> {
  const actor = registryActorId(by)
  const name = RegistryNameSchema.safeParse(input.name)
  if (!name.success) throw new ValidationError('The registry needs a name', [{ path: '/name', message: name.error.issues[0]?.message ?? 'required' }])
  const parsed = parseRegistryFile(input.text)
  if (!parsed.ok) throw new ValidationError('The registry file is not valid', parsed.errors)
  const at = now.toISOString()
  const rows = parsed.entries.map((e) => ({ did: e.did, registry: name.data, name: e.name, url: e.url ?? null, location: e.location ?? null, loaded_at: at, loaded_by: actor }))
  const replaced = await rt.db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('external_issuers').select((eb) => eb.fn.countAll<number | string>().as('n')).where('registry', '=', name.data).executeTakeFirst()
    await repo.replaceRegistryEntries(trx, name.data, rows)
    return Number(before?.n ?? 0)
  })
  return { name: name.data, entries: rows.length, replaced }
}

/** The loaded registries with their counts. @throws AppError FORBIDDEN (not the admin). */
export async function listRegistries(rt: Pick<Runtime, 'db'>, by: RegistryActor): Promise<RegistryDto[]> {
  registryActorId(by)
  return (await repo.listRegistries(rt.db)).map((r) => ({
    name: r.registry,
    entries: Number(r.entries),
    loadedAt: String(r.loaded_at),
    loadedBy: r.loaded_by ?? null,
    loadedByName: r.loaded_by_name ?? null,
  })).sort((a, b) => a.name.localeCompare(b.name, 'fr', { sensitivity: 'base' }))
}

/** Removes a registry and its entries. @throws AppError FORBIDDEN, NOT_FOUND (no such registry). */
export async function removeRegistry(rt: Pick<Runtime, 'db'>, by: RegistryActor, name: string): Promise<{ name: string; entries: number }> {
  registryActorId(by)
  const entries = typeof name === 'string' ? await repo.deleteRegistry(rt.db, name.trim()) : 0
  if (entries === 0) throw new AppError('NOT_FOUND', `No registry named "${name}"`)
  return { name: name.trim(), entries }
}
