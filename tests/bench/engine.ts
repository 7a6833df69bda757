/**
 * The engine's cost per operation against raw node:crypto Ed25519 verify, measured in the same run
 * (this machine is shared and noisy: compare ratios, not milliseconds, across runs).
 */
import { generateKeyPairSync, sign, verify as edVerify } from 'node:crypto'
import { verify } from '@/lib/credentials/verify'
import { issuerLookup } from '@/lib/orgs/service'
import { viewSharedPortfolio } from '@/lib/portfolio/view'
import { instanceDidResolver } from '@/lib/verification/service'
import { createTestRuntime } from '../factories/runtime'
import { median, runs, type BenchRow } from './measure'
import { createBenchWorld, DOMAIN } from './world'

const SECTION = 'engine'

export async function runEngineBench(): Promise<BenchRow[]> {
  console.log('\nengine: cost per operation, against node:crypto Ed25519 verify')
  const rt = await createTestRuntime()
  try {
    const world = await createBenchWorld(rt)
    const di = await world.issueOne()
    const jwt = await world.issueOne('jwt')
    const ten = await world.issue(10)
    const lookupIssuer = issuerLookup(rt)
    // The organisation signs under its did:web, resolved from this instance's database.
    const resolveDid = instanceDidResolver(rt)

    const { publicKey, privateKey } = generateKeyPairSync('ed25519')
    const msg = Buffer.from(di.document)
    const sig = sign(null, msg, privateKey)
    const peer = await median('peer: node:crypto Ed25519 verify', runs(2000, 50), () => edVerify(null, msg, publicKey, sig))
    const rows: [string, number][] = []
    rows.push(['issue skill badge (Data Integrity)', await median('issue skill badge (Data Integrity)', runs(50), () => world.issueOne())])
    rows.push(['verify skill badge (Data Integrity)', await median('verify skill badge (Data Integrity)', runs(100), () => verify({ input: di.document, lookupIssuer, resolveDid }))])
    rows.push(['verify skill badge (VC-JWT)', await median('verify skill badge (VC-JWT)', runs(100), () => verify({ input: jwt.document, lookupIssuer, resolveDid }))])
    rows.push(['present + verify 10-credential portfolio', await median('present + verify 10-credential portfolio', runs(20), async () => {
      const vp = await world.present(ten)
      const r = await verify({ input: vp.document, challenge: vp.challenge, domain: DOMAIN, lookupIssuer, resolveDid })
      if (!r.verified) throw new Error('portfolio did not verify')
    })])
    const token = await world.share(ten)
    rows.push(['recruiter view /p/[token], 10 credentials', await median('recruiter view /p/[token], 10 credentials', runs(20), async () => {
      const view = await viewSharedPortfolio(rt, token)
      if (view.state !== 'active' || !view.result.verified) throw new Error('shared portfolio did not verify')
    })])
    return rows.map(([label, ours]) => ({ section: SECTION, label: `${label} (peer: one Ed25519 verify)`, unit: 'ms', ours, peer, ratio: ours / peer }))
  } finally {
    await rt.cleanup()
  }
}
