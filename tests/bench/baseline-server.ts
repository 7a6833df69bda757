/**
 * The baseline of the HTTP bench (issue 11 §1c): what a developer writes in an afternoon — a bare
 * `node:http` server whose POST /presentations/verify parses the JSON body and calls
 * @digitalbazaar/vc's `verify` with the eddsa-rdfc-2022 suite and a document loader serving the
 * same documents as ours (the bundled contexts, did:key, and the organisation's did:web document
 * from a file), answering like the VC-API: 200 `{ verified: true }`, 400 `{ verified: false }`.
 * Like the peer of section (a), it accepts any credentialStatus (checkStatus returns verified):
 * it checks signatures, dates and the challenge, not status, issuer standing, schema or binding.
 *
 * Started by tests/bench/http.ts: `tsx tests/bench/baseline-server.ts <port> <did-documents.json>`.
 */
import { readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { DataIntegrityProof } from '@digitalbazaar/data-integrity'
import * as didKey from '@digitalbazaar/did-method-key'
import { Ed25519VerificationKey2020 } from '@digitalbazaar/ed25519-verification-key-2020'
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite'
import * as vc from '@digitalbazaar/vc'
import { BUNDLED_CONTEXTS } from '@/lib/credentials/contexts'

const [port, didFile] = process.argv.slice(2)
const didDocuments = JSON.parse(readFileSync(didFile!, 'utf8')) as Record<string, { '@context': unknown; verificationMethod: { id: string }[] }>

const didKeyDriver = didKey.driver()
didKeyDriver.use({ multibaseMultikeyHeader: 'z6Mk', fromMultibase: Ed25519VerificationKey2020.from })

async function documentLoader(url: string) {
  const done = (document: unknown) => ({ contextUrl: null, documentUrl: url, document })
  const context = BUNDLED_CONTEXTS.get(url)
  if (context) return done(context)
  if (url.startsWith('did:key:')) return done(await didKeyDriver.get({ url }))
  const [did, fragment] = url.split('#')
  const doc = didDocuments[did!]
  if (doc && !fragment) return done(doc)
  // A verification method taken out of its document carries the key type's context (as ours does).
  const method = doc?.verificationMethod.find((m) => m.id === url || m.id === `#${fragment}`)
  if (method) return done({ '@context': [doc!['@context'], 'https://w3id.org/security/suites/ed25519-2020/v1'].flat(), ...method, id: url })
  throw new Error(`Document not found: ${url}`)
}

const suite = new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 })
const checkStatus = async () => ({ verified: true })

function answer(res: import('node:http').ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body))
}

createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/') return answer(res, 200, { ok: true })
  if (req.method !== 'POST' || req.url !== '/presentations/verify') return answer(res, 404, { error: 'not found' })
  const chunks: Buffer[] = []
  req.on('data', (c: Buffer) => chunks.push(c))
  req.on('end', async () => {
    try {
      const { verifiablePresentation, options = {} } = JSON.parse(Buffer.concat(chunks).toString('utf8'))
      const result = await vc.verify({ presentation: verifiablePresentation, challenge: options.challenge, domain: options.domain, suite, documentLoader, checkStatus })
      answer(res, result.verified ? 200 : 400, { verified: result.verified })
    } catch (e) {
      answer(res, 400, { verified: false, error: (e as Error).message })
    }
  })
}).listen(Number(port), '127.0.0.1')
