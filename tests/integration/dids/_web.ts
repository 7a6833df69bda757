import * as vc from '@digitalbazaar/vc'
import { createVerifiableCredentialJwt } from 'did-jwt-vc'
import { VC_V2_CONTEXT } from '@/lib/credentials/contexts'
import { documentLoader } from '@/lib/credentials/document-loader'
import { signingSuite } from '@/lib/credentials/suites'
import type { Agent } from '@/lib/dids/agent'
import { ed25519Signer } from '@/lib/dids/signer'
import type { Fetch, Lookup } from '@/lib/status/remote'

// Shared by the did:web tests: credentials signed as any DID with a key of the agent (a remote
// issuer, or one pretending to be an organisation of this instance), and a fake HTTPS world.

export const NOW = new Date('2026-11-27T12:00:00Z')

/** A new Ed25519 key in the agent (its private key encrypted like every other). */
export async function newKey(agent: Agent) {
  return agent.keyManagerCreate({ kms: 'local', type: 'Ed25519' })
}

/** A Data Integrity credential issued by `did`, signed by `kid` as verification method `vm`. */
export async function signDi(agent: Agent, { did, vm, kid }: { did: string; vm: string; kid: string }) {
  const credential = {
    '@context': [VC_V2_CONTEXT], type: ['VerifiableCredential'], issuer: did, validFrom: '2026-11-01T00:00:00Z',
    credentialSubject: { id: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK' },
  }
  return vc.issue({ credential, suite: signingSuite(ed25519Signer(agent, { did, verificationMethod: vm, kid }), NOW), documentLoader, now: NOW }) as Promise<Record<string, unknown>>
}

/** A VC-JWT with `iss` = `did`, header `kid` = `vm`, signed by `kid`. */
export async function signJwt(agent: Agent, { did, vm, kid }: { did: string; vm: string; kid: string }) {
  const signer = async (data: string | Uint8Array) => agent.keyManagerSign({
    keyRef: kid, algorithm: 'EdDSA', data: Buffer.from(data).toString('hex'), encoding: 'hex',
  })
  return createVerifiableCredentialJwt({
    sub: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK',
    nbf: Math.floor(Date.parse('2026-11-01T00:00:00Z') / 1000),
    vc: { '@context': ['https://www.w3.org/2018/credentials/v1'], type: ['VerifiableCredential'], credentialSubject: { name: 'x' } },
  }, { did, signer, alg: 'EdDSA' }, { header: { kid: vm } })
}

/** A DNS that answers from a table (a public address by default). */
export const dns = (table: Record<string, string[]> = {}): Lookup & { calls: string[] } => {
  const calls: string[] = []
  const lookup = async (host: string) => {
    calls.push(host)
    return (table[host] ?? ['93.184.216.34']).map((address) => ({ address, family: address.includes(':') ? 6 : 4 }))
  }
  return Object.assign(lookup, { calls })
}

/** An HTTPS world in memory: URL → a function making the response. Records every request. */
export function fakeHttps(routes: Record<string, () => Response | Promise<Response>>): Fetch & { requests: { url: string; address: string }[] } {
  const requests: { url: string; address: string }[] = []
  const fetch: Fetch = async (url, _init, pinned) => {
    requests.push({ url, address: pinned.address })
    const route = routes[url]
    if (!route) throw new Error('connect ECONNREFUSED')
    return route()
  }
  return Object.assign(fetch, { requests })
}

export const json = (body: unknown, headers: Record<string, string> = {}) => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/did+json', ...headers } })
