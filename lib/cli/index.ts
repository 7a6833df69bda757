#!/usr/bin/env -S npx tsx
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { parseArgs, type ParseArgsConfig } from 'node:util'
import { listTemplates, TEMPLATES } from '@/lib/credentials/templates'
import { isTemplateId } from '@/lib/credentials/schemas'
import { readEnv } from '@/lib/env'
import { AppError, ValidationError } from '@/lib/errors'
import { issueForOrganisation } from '@/lib/issuing/service'
import { createApiToken, getOrganisationOrThrow } from '@/lib/orgs/service'
import { createRuntime } from '@/lib/runtime'
import { verifyOnInstance } from '@/lib/verification/service'
import { ADMIN_USAGE, adminCommand } from './admin'
import { BACKUP_USAGE, backupCommand, restoreCommand } from './backup'
import { readInput, UsageError } from './io'
import { IMPORTS_USAGE, recheckImportsCommand } from './imports'
import { KEYS_USAGE, retireKeyCommand, rotateKeyCommand } from './keys'
import { ORGS_USAGE, orgsCommand, registryCommand } from './orgs'
import { statusCommand } from './status'
import { taxonomyCommand } from './taxonomy'

const USAGE = `Usage: npm run vc -- <command> [options]

  verify <file|-> [--challenge C] [--domain D] [--at ISO-datetime]
        Verify a credential or presentation (JSON or compact JWT); prints the result as JSON.
        Holder binding is enforced: a credential presented by someone it was not issued to fails.
        Exit 0 verified, 1 not verified, 2 unusable input.
  templates --json                List credential templates: [{id, name}]
  issue --org <slug> --template <id> --subject <did> (--claims <file> | --example) [--format di|jwt]
        Issue a credential in an organisation's name and print it (JSON, or the JWT).
  token --org <slug> [--label L]  Create an API token for an organisation; printed once.
  revoke --id <credential id> [--reason R]     Revoke a credential issued here (final).
  suspend --id <credential id> [--reason R]    Suspend it until unsuspended.
  unsuspend --id <credential id>               Lift a suspension (refused for a revoked credential).
        Prints what changed. Exit 0 done (or already so), 1 unknown id or refused, 2 usage.
  taxonomy import <file|folder> [--lang L]
        Import ESCO CSV files (skills_fr.csv, occupations_en.csv…; the language comes from the
        file name, or --lang) or the JSON files of ../shared/taxonomies. Re-importing updates.
        Exit 0 imported, 1 unreadable or malformed file, 2 usage.
  taxonomy search <words> [--lang L] [--kinds skill,key_competence] [--json]
        Search the imported skills, occupations and key competences.
${ORGS_USAGE}${KEYS_USAGE}${IMPORTS_USAGE}${ADMIN_USAGE}${BACKUP_USAGE}`

type Out = { stdout: (s: string) => void; stderr: (s: string) => void }

/** Runs one CLI command; returns the exit code. Exported so tests run it in-process too. */
export async function main(argv: string[], out: Out = { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s) }): Promise<number> {
  const [command, ...rest] = argv
  try {
    switch (command) {
      case 'verify': return await verifyCommand(rest, out)
      case 'orgs': return await orgsCommand(rest, out)
      case 'registry': return await registryCommand(rest, out)
      case 'templates': return templatesCommand(rest, out)
      case 'issue': return await issueCommand(rest, out)
      case 'token': return await tokenCommand(rest, out)
      case 'taxonomy': return await taxonomyCommand(rest, out)
      case 'revoke': case 'suspend': case 'unsuspend': return await statusCommand(command, rest, out)
      case 'rotate-key': return await rotateKeyCommand(rest, out)
      case 'retire-key': return await retireKeyCommand(rest, out)
      case 'recheck-imports': return await recheckImportsCommand(rest, out)
      case 'backup': return await backupCommand(rest, out)
      case 'restore': return await restoreCommand(rest, out)
      case 'admin': return await adminCommand(rest, out)
      case undefined: case 'help': case '--help': case '-h':
        out.stdout(USAGE)
        return command === undefined ? 2 : 0
      default:
        throw new UsageError(`Unknown command "${command}"`)
    }
  } catch (e) {
    if (e instanceof UsageError) {
      out.stderr(`${e.message}\n\n${USAGE}`)
      return 2
    }
    if (e instanceof ValidationError) {
      out.stderr(`${e.message}:\n${e.fieldErrors.map((f) => `  ${f.path || '/'}: ${f.message}`).join('\n')}\n`)
      return 1
    }
    if (e instanceof AppError || e instanceof TypeError) {
      out.stderr(`${e.message}\n`)
      return 1
    }
    throw e
  }
}

type Parsed = { values: Record<string, string | boolean | undefined>; positionals: string[] }

function parse(args: string[], options: ParseArgsConfig['options'], positionals = false): Parsed {
  try {
    return parseArgs({ args, options, allowPositionals: positionals, strict: true }) as Parsed
  } catch (e) {
    throw new UsageError((e as Error).message)
  }
}

async function verifyCommand(args: string[], out: Out): Promise<number> {
  const { values, positionals } = parse(args, { challenge: { type: 'string' }, domain: { type: 'string' }, at: { type: 'string' } }, true)
  if (positionals.length !== 1) throw new UsageError('verify takes one file (or - for standard input)')
  const now = values.at ? new Date(values.at as string) : new Date()
  if (Number.isNaN(now.getTime())) throw new UsageError(`--at: "${values.at}" is not an ISO date-time`)
  const input = await readInput(positionals[0]!)
  // Verification needs no database; when this instance has one, it tells which issuers it knows.
  // One document, one process: verified here, no worker pool to start (docs/decisions/018).
  const env = { ...readEnv(), verifyWorkers: 0 }
  const rt = existsSync(env.databaseFile) ? await createRuntime(env) : { env }
  try {
    const result = await verifyOnInstance(rt, {
      input,
      challenge: values.challenge as string | undefined,
      domain: values.domain as string | undefined,
      now,
      // Always enforced here: a credential presented by someone it was not issued to fails (exit 1).
      holderBinding: 'enforce',
    })
    out.stdout(JSON.stringify(result, null, 2) + '\n')
    return result.kind === 'unknown' ? 2 : result.verified ? 0 : 1
  } finally {
    if ('db' in rt) await rt.db.destroy()
  }
}

function templatesCommand(args: string[], out: Out): number {
  const { values } = parse(args, { json: { type: 'boolean' } })
  const templates = listTemplates()
  out.stdout(values.json ? JSON.stringify(templates, null, 2) + '\n' : templates.map((t) => `${t.id}\t${t.name}`).join('\n') + '\n')
  return 0
}

async function issueCommand(args: string[], out: Out): Promise<number> {
  const { values } = parse(args, {
    org: { type: 'string' }, template: { type: 'string' }, subject: { type: 'string' },
    claims: { type: 'string' }, example: { type: 'boolean' }, format: { type: 'string', default: 'di' },
  })
  const { org, template, subject, claims, example, format } = values as Record<string, string | boolean | undefined>
  if (typeof org !== 'string' || typeof template !== 'string' || typeof subject !== 'string') throw new UsageError('issue needs --org, --template and --subject')
  if (Boolean(claims) === Boolean(example)) throw new UsageError('issue needs exactly one of --claims <file> and --example')
  if (format !== 'di' && format !== 'jwt') throw new UsageError('--format is di or jwt')
  if (!isTemplateId(template)) throw new UsageError(`Unknown template "${template}" (see: npm run vc -- templates)`)
  const claimsValue = example ? firstExample(template) : parseJson(await readInput(claims as string), claims as string)
  const rt = await createRuntime()
  try {
    const organisation = await getOrganisationOrThrow(rt, org)
    const issued = await issueForOrganisation(rt, { organisation, templateId: template, subjectDid: subject, claims: claimsValue, format })
    out.stdout((format === 'jwt' ? issued.document : JSON.stringify(issued.credential, null, 2)) + '\n')
    return 0
  } finally {
    await rt.db.destroy()
  }
}

async function tokenCommand(args: string[], out: Out): Promise<number> {
  const { values } = parse(args, { org: { type: 'string' }, label: { type: 'string' } })
  if (typeof values.org !== 'string') throw new UsageError('token needs --org <slug>')
  const rt = await createRuntime()
  try {
    out.stdout((await createApiToken(rt, { slug: values.org, label: (values.label as string) ?? 'CLI token' })) + '\n')
    return 0
  } finally {
    await rt.db.destroy()
  }
}

function firstExample(templateId: keyof typeof TEMPLATES): unknown {
  const dir = new URL(`../../credentials-schemas/examples/${templateId}/valid/`, import.meta.url)
  const first = readdirSync(dir).filter((f) => f.endsWith('.json')).sort()[0]
  if (!first) throw new Error(`Template ${templateId} has no valid example`)
  return JSON.parse(readFileSync(new URL(first, dir), 'utf8'))
}

function parseJson(text: string, name: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    throw new UsageError(`${name} is not JSON`)
  }
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  main(process.argv.slice(2)).then((code) => process.exit(code), (e) => {
    process.stderr.write(`${(e as Error).stack ?? e}\n`)
    process.exit(1)
  })
}
