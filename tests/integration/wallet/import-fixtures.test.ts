/**
 * Importing real third-party credentials (../shared/fixtures: DCC, 1EdTech): each is verified as
 * this instance verifies (the fixtures' DIDs, contexts and status lists served offline, the
 * network refused) and kept or refused under decision 011, for the verdict its MANIFEST.json
 * states. The folder is read in place, never copied; without it the suite is skipped.
 */
import fs from 'node:fs'
import http from 'node:http'
import https from 'node:https'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest'
import { createUser } from '@/lib/auth/service'
import { localSchemaResolver } from '@/lib/credentials/schemas'
import { verify, type StatusListResolver } from '@/lib/credentials/verify'
import type { CheckId } from '@/lib/credentials/verify/result'
import { issuerLookup } from '@/lib/orgs/service'
import { createShare } from '@/lib/portfolio/service'
import { viewSharedPortfolio } from '@/lib/portfolio/view'
import { importCredentials, type ImportItemDto } from '@/lib/wallet/import'
import type { ImportWarning, RefusalReason } from '@/lib/wallet/import-policy'
import { createTestRuntime } from '../../factories/runtime'
import { createFixtureLoader, readJson, type FixtureLoader, type ManifestEntry } from '../../helpers/fixture-loader'

const FIXTURES = fileURLToPath(new URL('../../../../shared/fixtures', import.meta.url))
const present = fs.existsSync(path.join(FIXTURES, 'MANIFEST.json')) && fs.existsSync(path.join(FIXTURES, 'DOCUMENT_LOADER_MAP.json'))
if (!present) console.warn('../shared/fixtures not found: the import tests over external fixtures are skipped')

/** The manifest's reference date: its verdicts hold at this instant. */
const NOW = new Date('2026-11-27T12:00:00Z')

interface Case {
  file: string
  /** The verdict MANIFEST.json states (asserted, so that a changed manifest fails here). */
  manifest: string
  outcome: 'added' | 'refused'
  reason?: RefusalReason
  /** Warnings the import must give (others may come too, e.g. about the subject). */
  warnings?: ImportWarning[]
  /** Checks of the result stored at import. */
  checks: Partial<Record<CheckId, string>>
}

const CASES: Case[] = [
  // valid: kept; the issuer is unknown here, and no list can vouch for their status (decision 008).
  { file: 'dcc-vc-test-fixtures/verifiableCredentials/v2/dataIntegrityProof/didKey/legacyRegistry-noStatus-noExpiry-basicOBv3.json', manifest: 'valid', outcome: 'added', warnings: ['unknownIssuer', 'statusUnchecked'], checks: { proof: 'PROOF_VALID', status: 'STATUS_NONE' } },
  { file: 'dcc-verifier-core/test-fixtures/verifiableCredentials/v1/v1NoStatus.json', manifest: 'valid', outcome: 'added', warnings: ['noSubject', 'unknownIssuer'], checks: { proof: 'PROOF_VALID', holder: 'SUBJECT_NOT_IDENTIFIED', validity: 'IN_VALIDITY_PERIOD' } },
  { file: 'dcc-vc-test-fixtures/verifiableCredentials/v1/ed25519/didWeb/oidf-noStatus-noExpiry.json', manifest: 'valid', outcome: 'added', warnings: ['unknownIssuer'], checks: { proof: 'PROOF_VALID' } },
  { file: 'dcc-verifier-core/test-fixtures/verifiableCredentials/v2/v2WithValidStatus.json', manifest: 'valid', outcome: 'added', warnings: ['statusUnchecked'], checks: { proof: 'PROOF_VALID', status: 'STATUS_LIST_TOO_SHORT' } },
  { file: '1edtech-validator/ob30/simple.json', manifest: 'valid', outcome: 'added', warnings: ['unknownIssuer'], checks: { proof: 'PROOF_VALID' } },
  // expired / not yet valid: kept, with the warning.
  { file: 'dcc-verifier-core/test-fixtures/verifiableCredentials/v2/v2Expired.json', manifest: 'expired', outcome: 'added', warnings: ['expired'], checks: { proof: 'PROOF_VALID', validity: 'EXPIRED' } },
  { file: 'dcc-vc-test-fixtures/verifiableCredentials/v2/dataIntegrityProof/didKey/oidf-noStatus-notExpired-notYetValid.json', manifest: 'not-yet-valid', outcome: 'added', warnings: ['notYetValid'], checks: { validity: 'NOT_YET_VALID' } },
  // a broken status list says nothing either way: kept, status not checked.
  { file: 'dcc-vc-test-fixtures/verifiableCredentials/v2/ed25519/didKey/legacy-tamperedStatus-noExpiry.json', manifest: 'invalid', outcome: 'added', warnings: ['statusUnchecked'], checks: { proof: 'PROOF_VALID', status: 'STATUS_LIST_PROOF_INVALID' } },
  // revoked: refused, whoever signed the list (the safe direction).
  { file: 'dcc-verifier-core/test-fixtures/verifiableCredentials/v2/v2Revoked.json', manifest: 'revoked', outcome: 'refused', reason: 'revoked', checks: { proof: 'PROOF_VALID', status: 'STATUS_REVOKED' } },
  { file: 'dcc-vc-test-fixtures/verifiableCredentials/v1/ed25519/didKey/oidf-revokedStatus-expired.json', manifest: 'revoked', outcome: 'refused', reason: 'revoked', checks: { status: 'STATUS_REVOKED', validity: 'EXPIRED' } },
  // the signature does not verify, or cannot be checked: refused.
  { file: 'dcc-vc-test-fixtures/verifiableCredentials/v2/ed25519/didKey/legacy-noStatus-noExpiry-tampered.json', manifest: 'tampered', outcome: 'refused', reason: 'signature', checks: { proof: 'PROOF_INVALID' } },
  { file: '1edtech-validator/ob30/simple-err-proof-value.json', manifest: 'invalid', outcome: 'refused', reason: 'signature', checks: { proof: 'PROOF_INVALID' } },
  { file: '1edtech-validator/ob30/simple-noproof.json', manifest: 'invalid', outcome: 'refused', reason: 'signature', checks: { proof: 'PROOF_MISSING' } },
  { file: 'dcc-verifier-core/test-fixtures/verifiableCredentials/v2/didWeb/v2WithBadDidWeb.json', manifest: 'invalid', outcome: 'refused', reason: 'signature', checks: { proof: 'DID_UNRESOLVABLE' } },
  { file: '1edtech-validator/ob30/simple.jwt', manifest: 'unknown', outcome: 'refused', reason: 'signature', checks: { proof: 'PROOF_UNSUPPORTED' } },
  // not a credential we read (VC-JOSE, decision 004).
  { file: '1edtech-validator/ob30/simple-jwt.svg.verify.jwt', manifest: 'valid', outcome: 'refused', reason: 'notCredential', checks: { input: 'NOT_A_CREDENTIAL' } },
]

/** The fixtures' status lists, by URL, from the files DOCUMENT_LOADER_MAP.json names (no network). */
function fixtureStatusLists(): StatusListResolver {
  const { map } = readJson<{ map: Record<string, string> }>(path.join(FIXTURES, 'DOCUMENT_LOADER_MAP.json'))
  return async (url) => {
    if (!map[url]) throw new Error(`${url} is not in the fixture map`)
    return { credential: readJson(path.join(FIXTURES, map[url]!)) }
  }
}

describe.skipIf(!present)('importing external fixtures (../shared/fixtures)', () => {
  let rt: Awaited<ReturnType<typeof createTestRuntime>>
  let loader: FixtureLoader
  let manifest: Map<string, ManifestEntry>
  const networkCalls: string[] = []
  const added = new Map<string, ImportItemDto>()

  beforeAll(async () => {
    const refuse = (what: string) => {
      networkCalls.push(what)
      throw new Error(`network access during the import fixture tests: ${what}`)
    }
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => refuse(`fetch ${input instanceof Request ? input.url : String(input)}`))
    for (const [name, mod] of [['http', http], ['https', https]] as const) {
      vi.spyOn(mod, 'request').mockImplementation((() => refuse(`${name}.request`)) as never)
      vi.spyOn(mod, 'get').mockImplementation((() => refuse(`${name}.get`)) as never)
    }
    rt = await createTestRuntime()
    loader = createFixtureLoader(FIXTURES)
    manifest = new Map(readJson<ManifestEntry[]>(path.join(FIXTURES, 'MANIFEST.json')).map((e) => [e.file, e]))
  })
  afterAll(async () => {
    vi.restoreAllMocks()
    await rt?.cleanup()
  })

  /** This instance's pipeline, with the fixtures' documents and lists served offline. */
  const verifyOffline = (input: unknown) => verify({
    input, now: NOW, documentLoader: loader.documentLoader, resolveStatusList: fixtureStatusLists(),
    lookupIssuer: issuerLookup(rt), resolveSchema: localSchemaResolver(rt.env.publicUrl),
  })

  for (const c of CASES) {
    test(`${c.manifest} ${c.file} is ${c.outcome}${c.reason ? ` (${c.reason})` : ''}`, async () => {
      expect(manifest.get(c.file)?.expected, 'the manifest’s verdict').toBe(c.manifest)
      const young = await createUser(rt, { role: 'youth', username: `y-${added.size}-${Math.random().toString(36).slice(2, 8)}`, displayName: 'Y' })
      const input = fs.readFileSync(path.join(FIXTURES, c.file), 'utf8')
      const result = await importCredentials(rt, young, input, { now: NOW, verify: verifyOffline })
      if (!result.ok) throw new Error(`refused as a whole: ${result.error}`)
      expect(result.items).toHaveLength(1)
      const item = result.items[0]!
      expect({ outcome: item.outcome, reason: item.reason }).toEqual({ outcome: c.outcome, reason: c.reason })
      for (const warning of c.warnings ?? []) expect(item.warnings).toContain(warning)
      for (const [id, code] of Object.entries(c.checks)) expect(item.result.checks.find((k) => k.id === id)?.code, id).toBe(code)
      const row = item.walletId ? await rt.db.selectFrom('credentials').selectAll().where('id', '=', item.walletId).executeTakeFirst() : undefined
      if (c.outcome === 'added') {
        expect(row).toMatchObject({ holder_user_id: young.id, origin: 'imported', issuer_organisation_id: null, document: input.trim() })
        expect(JSON.parse(row!.import_verification!)).toEqual(item.result)
        added.set(c.file, item)
      } else {
        expect(row).toBeUndefined()
      }
    })
  }

  test('external credentials imported into one wallet go into a share: bound to no identifier of the collector, both are shown apart, each verified on its own', async () => {
    const files = [
      'dcc-verifier-core/test-fixtures/verifiableCredentials/v1/v1NoStatus.json',
      'dcc-vc-test-fixtures/verifiableCredentials/v2/dataIntegrityProof/didKey/legacyRegistry-noStatus-noExpiry-basicOBv3.json',
    ]
    const young = await createUser(rt, { role: 'youth', username: 'collector', displayName: 'Collector' })
    const text = JSON.stringify(files.map((f) => readJson(path.join(FIXTURES, f))))
    const result = await importCredentials(rt, young, text, { now: NOW, verify: verifyOffline })
    if (!result.ok) throw new Error(result.error)
    expect(result.items.map((i) => i.outcome)).toEqual(['added', 'added'])
    const share = await createShare(rt, young, { credentialIds: result.items.map((i) => i.walletId!), about: '', label: 'Fixtures', expiresInDays: 30 }, NOW)
    const view = await viewSharedPortfolio(rt, share.token, { now: NOW })
    if (view.state !== 'active') throw new Error(view.state)
    // Neither names the collector's did:key (one names no subject, the other its own): nothing is signed as theirs.
    expect(view.cards).toEqual([])
    expect(view.formats).toEqual([])
    expect(view.apart.results.map((r) => [r.verified, r.checks.find((c) => c.id === 'proof')?.status])).toEqual([[true, 'passed'], [true, 'passed']])
    expect(view.apart.cards.map((c) => c.otherIdentifier)).toEqual([
      { subject: null, holder: young.did, binding: 'unconfirmed' }, { subject: expect.stringMatching(/^did:/), holder: young.did, binding: 'unconfirmed' },
    ])
    expect(view.counts).toEqual({ proven: 0, selfDeclared: 0, otherIdentifier: 2, notVerified: 0 })
  })

  test('the whole suite ran without touching the network', () => {
    expect(networkCalls).toEqual([])
  })
})
