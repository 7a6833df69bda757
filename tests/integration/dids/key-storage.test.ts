import { randomBytes } from 'node:crypto'
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { migrateToLatest, openSqlite, type Db } from '@/db/client'
import { createVeramoAgent } from '@/lib/dids/agent'
import { loadMasterKey, MASTER_KEY_FILE } from '@/lib/dids/master-key'
import { createDidKey } from '@/lib/dids/signer'
import { KyselyPrivateKeyStore } from '@/lib/dids/stores'

// Private keys at rest: AES-256-GCM under the master key, bound to their alias. Built from the
// runtime's own pieces so the test holds the master key.

const dir = mkdtempSync(join(tmpdir(), 'tremplin-keys-'))
const file = join(dir, 'tremplin.sqlite')
const masterKey = randomBytes(32)
const opened: Db[] = []
async function open(key = masterKey) {
  const db = openSqlite(file)
  opened.push(db)
  await migrateToLatest(db)
  return { db, agent: createVeramoAgent({ db, masterKey: key }) }
}
afterAll(async () => {
  for (const db of opened) await db.destroy()
  rmSync(dir, { recursive: true, force: true })
})

const { db, agent } = await open()
const keys = await createDidKey(agent, 'youth:alice')
const identifier = await agent.didManagerGet({ did: keys.did })
const rows = await db.selectFrom('private_keys').selectAll().execute()
const row = rows.find((r) => r.alias === keys.kid)!
const { privateKeyHex } = await new KyselyPrivateKeyStore(db, masterKey).getKey({ alias: keys.kid })
const signWith = (a: typeof agent) => a.keyManagerSign({ keyRef: keys.kid, algorithm: 'EdDSA', data: 'hello', encoding: 'utf-8' })

describe('private keys at rest', () => {
  test('creating a DID stores exactly one private key row, as v1 AES-GCM ciphertext', () => {
    expect(rows).toHaveLength(1)
    expect(row).toBeDefined()
    expect(row.ciphertext).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/)
    expect(privateKeyHex).toMatch(/^[0-9a-f]{64,128}$/)
  })

  test('the ciphertext contains the private key in no encoding', () => {
    const raw = Buffer.from(privateKeyHex, 'hex')
    const seed = privateKeyHex.slice(0, 64)
    for (const needle of [privateKeyHex, seed, raw.toString('base64'), raw.toString('base64url'), raw.subarray(0, 32).toString('base64url')]) {
      expect(row.ciphertext.toLowerCase()).not.toContain(needle.toLowerCase())
    }
  })

  test('no file of the database (main file and WAL) holds the private key, in hex or raw bytes', () => {
    const raw = Buffer.from(privateKeyHex, 'hex')
    const files = readdirSync(dir).filter((f) => f.startsWith('tremplin.sqlite'))
    expect(files).toContain('tremplin.sqlite')
    for (const f of files) {
      const bytes = readFileSync(join(dir, f))
      expect(bytes.includes(Buffer.from(privateKeyHex))).toBe(false)
      expect(bytes.includes(raw.subarray(0, 32))).toBe(false)
    }
  })

  test('the private key decrypts under the master key it was written with', async () => {
    const key = await new KyselyPrivateKeyStore(db, masterKey).getKey({ alias: keys.kid })
    expect(key).toMatchObject({ alias: keys.kid, type: 'Ed25519', privateKeyHex })
  })

  test('decrypting with another master key fails', async () => {
    await expect(new KyselyPrivateKeyStore(db, randomBytes(32)).getKey({ alias: keys.kid })).rejects.toThrow(/does not decrypt/)
  })

  test('a ciphertext copied onto another alias does not decrypt (the alias is bound as AAD)', async () => {
    await db.insertInto('private_keys').values({ alias: 'copied-key', type: row.type, ciphertext: row.ciphertext, created_at: row.created_at }).execute()
    await expect(new KyselyPrivateKeyStore(db, masterKey).getKey({ alias: 'copied-key' })).rejects.toThrow(/does not decrypt/)
    await db.deleteFrom('private_keys').where('alias', '=', 'copied-key').execute()
  })

  test('a ciphertext altered by one character, on its own row, does not decrypt', async () => {
    const parts = row.ciphertext.split('.')
    parts[3] = (parts[3]![0] === 'A' ? 'B' : 'A') + parts[3]!.slice(1)
    const setCiphertext = (ciphertext: string) => db.updateTable('private_keys').set({ ciphertext }).where('alias', '=', keys.kid).execute()
    await setCiphertext(parts.join('.'))
    try {
      await expect(new KyselyPrivateKeyStore(db, masterKey).getKey({ alias: keys.kid })).rejects.toThrow(/does not decrypt/)
    } finally {
      await setCiphertext(row.ciphertext)
    }
  })
})

describe('loadMasterKey', () => {
  const keyDir = join(mkdtempSync(join(tmpdir(), 'tremplin-master-')), 'data')
  afterAll(() => rmSync(join(keyDir, '..'), { recursive: true, force: true }))

  test('creates master.key with mode 0600 in a missing data dir, and returns 32 bytes', () => {
    const key = loadMasterKey({ dataDir: keyDir })
    const path = join(keyDir, MASTER_KEY_FILE)
    expect(existsSync(path)).toBe(true)
    expect(statSync(path).mode & 0o777).toBe(0o600)
    expect(key).toHaveLength(32)
  })

  test('returns the same key on a second call', () => {
    const first = loadMasterKey({ dataDir: keyDir })
    expect(loadMasterKey({ dataDir: keyDir }).equals(first)).toBe(true)
  })

  test('tightens a key file left readable by others back to 0600, keeping the key', () => {
    const before = loadMasterKey({ dataDir: keyDir })
    chmodSync(join(keyDir, MASTER_KEY_FILE), 0o644)
    expect(loadMasterKey({ dataDir: keyDir }).equals(before)).toBe(true)
    expect(statSync(join(keyDir, MASTER_KEY_FILE)).mode & 0o777).toBe(0o600)
  })

  test('uses MASTER_KEY when given, and then writes no file', () => {
    const emptyDir = mkdtempSync(join(tmpdir(), 'tremplin-master-env-'))
    try {
      const hex = randomBytes(32).toString('hex')
      expect(loadMasterKey({ dataDir: emptyDir, masterKey: hex }).toString('hex')).toBe(hex)
      expect(existsSync(join(emptyDir, MASTER_KEY_FILE))).toBe(false)
    } finally {
      rmSync(emptyDir, { recursive: true, force: true })
    }
  })
})

describe('the Kysely DID store', () => {
  test('round-trips an identifier through a fresh agent on the same file', async () => {
    const fresh = await open()
    const reloaded = await fresh.agent.didManagerGet({ did: keys.did })
    expect(reloaded).toMatchObject({ did: identifier.did, alias: 'youth:alice', provider: 'did:key', controllerKeyId: identifier.controllerKeyId })
    expect(reloaded.keys.map(({ kid, type, publicKeyHex }) => ({ kid, type, publicKeyHex })))
      .toEqual(identifier.keys.map(({ kid, type, publicKeyHex }) => ({ kid, type, publicKeyHex })))
    expect((await fresh.agent.didManagerGetByAlias({ alias: 'youth:alice' })).did).toBe(keys.did)
  })

  test('a fresh agent with the same master key signs exactly as the original', async () => {
    const fresh = await open()
    expect(await signWith(fresh.agent)).toBe(await signWith(agent))
  })

  test('a fresh agent with another master key sees the DID but cannot sign', async () => {
    const wrong = await open(randomBytes(32))
    expect((await wrong.agent.didManagerGet({ did: keys.did })).did).toBe(keys.did)
    await expect(signWith(wrong.agent)).rejects.toThrow()
  })
})
