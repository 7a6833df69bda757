import { basename, extname } from 'node:path'
import { parseArgs, type ParseArgsConfig } from 'node:util'
import { approveOrganisation, createOrganisation, getOrganisationOrThrow, listOrganisations, listOrganisationsWithDids, reinstateOrganisation, suspendOrganisation } from '@/lib/orgs/service'
import { listRegistries, loadRegistry, removeRegistry } from '@/lib/registry/service'
import { MAX_REGISTRY_BYTES } from '@/lib/registry/schemas'
import { createRuntime, type Runtime } from '@/lib/runtime'
import { UsageError } from './io'

// The registry of trusted issuers from the command line (docs/decisions/009). The actor recorded
// with every change is 'cli'. Exit 0 done (or already so), 1 refused or invalid, 2 usage.

type Out = { stdout: (s: string) => void; stderr: (s: string) => void }

export const ORGS_USAGE = `  orgs list [--json]              List organisations with their status (pending, approved, suspended).
  orgs --json                     The same, as [{slug, name, did, dids}] (older form); "dids": every DID the
        organisation signs under, current first (each one the VC-API issuer accepts as "issuer").
  orgs create --slug <slug> --name <name> --kind youth_support|training|employer [--region R]
        Create an organisation, pending until approved.
  orgs approve --org <slug>       Approve a pending organisation (or reinstate a suspended one).
  orgs suspend --org <slug> --reason R
        Suspend an approved organisation: it cannot issue, and its credentials fail the issuer check.
  registry load <file> [--name N] Load an external registry of trusted issuers (DCC issuer-registry
        JSON, 1 MB and 10,000 entries at most); loading the same name again replaces it.
        The name defaults to the file name without its extension.
  registry list [--json]          List the loaded registries with their entry counts.
  registry remove <name>          Remove a registry and its entries.
        orgs and registry print what changed. Exit 0 done (or already so), 1 unknown organisation
        or registry, refused, or invalid file (each problem listed), 2 usage.
`

function parse(args: string[], options: ParseArgsConfig['options'], positionals = false) {
  try {
    return parseArgs({ args, options, allowPositionals: positionals, strict: true }) as { values: Record<string, string | boolean | undefined>; positionals: string[] }
  } catch (e) {
    throw new UsageError((e as Error).message)
  }
}

async function withRuntime<T>(run: (rt: Runtime) => Promise<T>): Promise<T> {
  const rt = await createRuntime()
  try {
    return await run(rt)
  } finally {
    await rt.db.destroy()
  }
}

/** `orgs [list|create|approve|suspend] …` */
export async function orgsCommand(args: string[], out: Out): Promise<number> {
  const [sub, ...rest] = args
  if (sub === undefined || sub.startsWith('--')) return listOlderForm(args, out)
  switch (sub) {
    case 'list': return list(rest, out)
    case 'create': return create(rest, out)
    case 'approve': return approve(rest, out)
    case 'suspend': return suspend(rest, out)
    default: throw new UsageError(`Unknown orgs command "${sub}"`)
  }
}

async function listOlderForm(args: string[], out: Out): Promise<number> {
  const { values } = parse(args, { json: { type: 'boolean' } })
  const orgs = (await withRuntime((rt) => listOrganisationsWithDids(rt))).map(({ slug, name, did, dids }) => ({ slug, name, did, dids }))
  out.stdout(values.json ? JSON.stringify(orgs, null, 2) + '\n' : orgs.map((o) => `${o.slug}\t${o.name}\t${o.did}`).join('\n') + '\n')
  return 0
}

async function list(args: string[], out: Out): Promise<number> {
  const { values } = parse(args, { json: { type: 'boolean' } })
  const orgs = await withRuntime((rt) => listOrganisations(rt))
  if (values.json) out.stdout(JSON.stringify(orgs, null, 2) + '\n')
  else out.stdout(orgs.map((o) => [o.slug, o.status, o.kind, o.region ?? '-', o.approvedAt ? `approved ${o.approvedAt}` : '-', o.name, o.did].join('\t')).join('\n') + '\n')
  return 0
}

async function create(args: string[], out: Out): Promise<number> {
  const { values } = parse(args, { slug: { type: 'string' }, name: { type: 'string' }, kind: { type: 'string' }, region: { type: 'string' } })
  const { slug, name, kind, region } = values as Record<string, string | undefined>
  if (!slug || !name || !kind) throw new UsageError('orgs create needs --slug, --name and --kind')
  const org = await withRuntime((rt) => createOrganisation(rt, { slug, name, kind: kind as 'employer', region }, 'cli'))
  out.stdout(`Created ${org.slug} (${org.name}), pending until approved: npm run vc -- orgs approve --org ${org.slug}\n${JSON.stringify(org)}\n`)
  return 0
}

async function approve(args: string[], out: Out): Promise<number> {
  const { values } = parse(args, { org: { type: 'string' } })
  if (typeof values.org !== 'string') throw new UsageError('orgs approve needs --org <slug>')
  const slug = values.org
  return withRuntime(async (rt) => {
    const before = await getOrganisationOrThrow(rt, slug)
    if (before.status === 'approved') {
      out.stdout(`${slug} is already approved: nothing changed\n`)
      return 0
    }
    const org = before.status === 'suspended' ? await reinstateOrganisation(rt, slug, 'cli') : await approveOrganisation(rt, slug, 'cli')
    out.stdout(`${before.status === 'suspended' ? 'Reinstated' : 'Approved'} ${slug} (${org.name}); it signs as ${org.did}\n${JSON.stringify(org)}\n`)
    return 0
  })
}

async function suspend(args: string[], out: Out): Promise<number> {
  const { values } = parse(args, { org: { type: 'string' }, reason: { type: 'string' } })
  if (typeof values.org !== 'string' || typeof values.reason !== 'string') throw new UsageError('orgs suspend needs --org <slug> and --reason R')
  const slug = values.org
  return withRuntime(async (rt) => {
    const before = await getOrganisationOrThrow(rt, slug)
    if (before.status === 'suspended') {
      out.stdout(`${slug} is already suspended: nothing changed\n`)
      return 0
    }
    const org = await suspendOrganisation(rt, slug, 'cli', { reason: values.reason as string })
    out.stdout(`Suspended ${slug} (${org.name}) (reason: ${values.reason})\n${JSON.stringify(org)}\n`)
    return 0
  })
}

/** `registry load|list|remove …` */
export async function registryCommand(args: string[], out: Out): Promise<number> {
  const [sub, ...rest] = args
  switch (sub) {
    case 'load': return load(rest, out)
    case 'list': return listRegistered(rest, out)
    case 'remove': return remove(rest, out)
    default: throw new UsageError(sub ? `Unknown registry command "${sub}"` : 'registry needs load, list or remove')
  }
}

async function load(args: string[], out: Out): Promise<number> {
  const { values, positionals } = parse(args, { name: { type: 'string' } }, true)
  if (positionals.length !== 1) throw new UsageError('registry load takes one file')
  const file = positionals[0]!
  const text = await readRegistryFile(file)
  const name = typeof values.name === 'string' ? values.name : basename(file, extname(file))
  const loaded = await withRuntime((rt) => loadRegistry(rt, 'cli', { name, text }))
  out.stdout(`${loaded.replaced ? 'Replaced' : 'Loaded'} registry "${loaded.name}": ${loaded.entries} issuer(s)${loaded.replaced ? ` (was ${loaded.replaced})` : ''}\n${JSON.stringify(loaded)}\n`)
  return 0
}

async function listRegistered(args: string[], out: Out): Promise<number> {
  const { values } = parse(args, { json: { type: 'boolean' } })
  const registries = await withRuntime((rt) => listRegistries(rt, 'cli'))
  if (values.json) out.stdout(JSON.stringify(registries, null, 2) + '\n')
  else out.stdout(registries.length ? registries.map((r) => `${r.name}\t${r.entries} issuer(s)\tloaded ${r.loadedAt} by ${r.loadedByName ?? r.loadedBy ?? '?'}`).join('\n') + '\n' : 'No registry loaded\n')
  return 0
}

async function remove(args: string[], out: Out): Promise<number> {
  const { positionals } = parse(args, {}, true)
  if (positionals.length !== 1) throw new UsageError('registry remove takes the registry’s name')
  const removed = await withRuntime((rt) => removeRegistry(rt, 'cli', positionals[0]!))
  out.stdout(`Removed registry "${removed.name}" (${removed.entries} issuer(s))\n`)
  return 0
}

/** Reads at most one byte past the limit: a larger file is refused by the parser without reading it all. */
async function readRegistryFile(path: string): Promise<string> {
  const { open } = await import('node:fs/promises')
  let handle
  try {
    handle = await open(path)
  } catch (e) {
    throw new UsageError(`Cannot read ${path}: ${(e as Error).message}`)
  }
  try {
    const buf = Buffer.alloc(MAX_REGISTRY_BYTES + 1)
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0)
    return buf.subarray(0, bytesRead).toString('utf8')
  } catch (e) {
    throw new UsageError(`Cannot read ${path}: ${(e as Error).message}`)
  } finally {
    await handle.close()
  }
}
