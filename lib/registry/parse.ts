import type { FieldError } from '@/lib/errors'
import { DID_PATTERN, MAX_REGISTRY_BYTES, MAX_REGISTRY_ENTRIES, RegistryEntrySchema, RegistryFileSchema, type RegistryEntry } from './schemas'

export type ParsedRegistry =
  | { ok: true; entries: RegistryEntry[]; meta: { created?: string; updated?: string } }
  /** `message` is a stable key ("notJson", "invalidDid", "tooLong:200"…), `path` a JSON pointer into the file. */
  | { ok: false; errors: FieldError[] }

/** At most this many problems are reported: enough to fix a file, not a wall of text. */
const MAX_REPORTED = 20

/**
 * Reads a registry file in the DCC issuer-registry format (see schemas.ts). Never throws: a file
 * that is too large, not JSON, not a registry, too long, or with any bad entry is refused as a
 * whole, with every problem found (up to 20), so that a load never keeps half a file.
 */
export function parseRegistryFile(text: string): ParsedRegistry {
  const fail = (message: string, path = ''): ParsedRegistry => ({ ok: false, errors: [{ path, message }] })
  if (Buffer.byteLength(text, 'utf8') > MAX_REGISTRY_BYTES) return fail(`tooLarge:${MAX_REGISTRY_BYTES / 1024 / 1024}`)
  if (text.trim() === '') return fail('empty')
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    return fail('notJson')
  }
  const file = RegistryFileSchema.safeParse(json)
  if (!file.success) return fail('notRegistry', '/registry')
  const dids = Object.keys(file.data.registry)
  if (dids.length === 0) return fail('noEntries', '/registry')
  if (dids.length > MAX_REGISTRY_ENTRIES) return fail(`tooManyEntries:${MAX_REGISTRY_ENTRIES}`, '/registry')

  const entries: RegistryEntry[] = []
  const errors: FieldError[] = []
  for (const did of dids) {
    const at = `/registry/${pointerSegment(did)}`
    if (did.length > 2000 || !DID_PATTERN.test(did)) {
      errors.push({ path: at, message: 'invalidDid' })
      continue
    }
    const entry = RegistryEntrySchema.safeParse(file.data.registry[did])
    if (!entry.success) {
      for (const issue of entry.error.issues) errors.push({ path: [at, ...issue.path.map(String)].join('/'), message: issue.code === 'invalid_type' && issue.path.length === 0 ? 'entryNotObject' : issue.message })
      continue
    }
    entries.push({ did, name: entry.data.name, url: entry.data.url, location: entry.data.location })
  }
  if (errors.length) return { ok: false, errors: errors.slice(0, MAX_REPORTED) }
  const { created, updated } = file.data.meta ?? {}
  return { ok: true, entries, meta: { ...(typeof created === 'string' ? { created } : {}), ...(typeof updated === 'string' ? { updated } : {}) } }
}

/** RFC 6901: "~" → "~0", "/" → "~1". */
const pointerSegment = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1')
