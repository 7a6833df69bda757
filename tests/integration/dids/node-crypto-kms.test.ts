import { createPublicKey, randomBytes, verify } from 'node:crypto'
import { KeyManagementSystem } from '@veramo/kms-local'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { loadMasterKey } from '@/lib/dids/master-key'
import { createDidKey } from '@/lib/dids/signer'
import { KyselyPrivateKeyStore } from '@/lib/dids/stores'
import { createTestRuntime } from '../../factories/runtime'

// The agent signs Ed25519 through node:crypto (lib/dids/node-crypto-kms.ts) instead of kms-local's
// pure-JavaScript signer. Ed25519 is deterministic: the signatures must be byte for byte those
// kms-local makes with the same stored key, for Data Integrity data and for JWTs alike.

type Rt = Awaited<ReturnType<typeof createTestRuntime>>
let rt: Rt
let kmsLocal: KeyManagementSystem
beforeAll(async () => {
  rt = await createTestRuntime()
  kmsLocal = new KeyManagementSystem(new KyselyPrivateKeyStore(rt.db, loadMasterKey({ dataDir: rt.env.dataDir, masterKey: rt.env.masterKey })))
})
afterAll(() => rt.cleanup())

test('Ed25519 signatures are the bytes kms-local makes, and verify with the public key', async () => {
  const keys = await createDidKey(rt.agent, 'kms-test')
  const key = await rt.agent.keyManagerGet({ kid: keys.kid })
  const publicKey = createPublicKey({ key: Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), Buffer.from(key.publicKeyHex, 'hex')]), format: 'der', type: 'spki' })
  for (const size of [0, 1, 64, 1000]) {
    const data = randomBytes(size)
    const ours = await rt.agent.keyManagerSign({ keyRef: keys.kid, algorithm: 'EdDSA', data: data.toString('hex'), encoding: 'hex' })
    const theirs = await kmsLocal.sign({ keyRef: key, algorithm: 'EdDSA', data })
    expect(ours).toBe(theirs)
    expect(verify(null, data, publicKey, Buffer.from(ours, 'base64url'))).toBe(true)
  }
  const jwtData = 'eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiJ4In0'
  expect(await rt.agent.keyManagerSignJWT({ kid: keys.kid, data: jwtData })).toBe(await kmsLocal.sign({ keyRef: key, algorithm: 'EdDSA', data: Buffer.from(jwtData) }))
})

test('a key imported as a 32-byte seed signs as kms-local signs with it', async () => {
  const key = await rt.agent.keyManagerImport({ kms: 'local', type: 'Ed25519', privateKeyHex: randomBytes(32).toString('hex') })
  const data = randomBytes(100)
  expect(await rt.agent.keyManagerSign({ keyRef: key.kid, algorithm: 'EdDSA', data: data.toString('hex'), encoding: 'hex' }))
    .toBe(await kmsLocal.sign({ keyRef: key, algorithm: 'EdDSA', data }))
})

test('an unknown key and an algorithm an Ed25519 key cannot make are refused as kms-local refuses them', async () => {
  const keys = await createDidKey(rt.agent, 'kms-test-2')
  await expect(rt.agent.keyManagerSign({ keyRef: keys.kid, algorithm: 'ES256K', data: 'ab', encoding: 'hex' })).rejects.toThrow()
  await expect(rt.agent.keyManagerSign({ keyRef: 'nobody', algorithm: 'EdDSA', data: 'ab', encoding: 'hex' })).rejects.toThrow()
})
