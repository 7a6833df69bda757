import 'server-only'
import type { IIdentifier, IKey, ManagedKeyInfo } from '@veramo/core-types'
import { AbstractDIDStore } from '@veramo/did-manager'
import {
  AbstractKeyStore,
  AbstractPrivateKeyStore,
  type ImportablePrivateKey,
  type ManagedPrivateKey,
} from '@veramo/key-manager'
import { randomUUID } from 'node:crypto'
import type { Db } from '@/db/client'
import { decryptSecret, encryptSecret } from './key-encryption'

// Kysely-backed implementations of Veramo's three stores (no TypeORM). They hold only what
// Veramo hands them; the private-key store is the one place private keys touch the database,
// and it only ever writes ciphertext.

type KeyRow = { kid: string; kms: string; type: string; public_key_hex: string; meta: string | null }

function toKey(row: KeyRow): IKey {
  return {
    kid: row.kid,
    kms: row.kms,
    type: row.type as IKey['type'],
    publicKeyHex: row.public_key_hex,
    meta: row.meta ? JSON.parse(row.meta) : undefined,
  }
}

export class KyselyKeyStore extends AbstractKeyStore {
  constructor(private readonly db: Db) {
    super()
  }

  async importKey(args: Partial<IKey>): Promise<boolean> {
    if (!args.kid || !args.kms || !args.type || !args.publicKeyHex) throw new TypeError('key needs kid, kms, type and publicKeyHex')
    const row = { kid: args.kid, kms: args.kms, type: args.type, public_key_hex: args.publicKeyHex, meta: args.meta ? JSON.stringify(args.meta) : null }
    await this.db.insertInto('keys').values({ ...row, did: null })
      .onConflict((oc) => oc.column('kid').doUpdateSet(row)).execute()
    return true
  }

  async getKey({ kid }: { kid: string }): Promise<IKey> {
    const row = await this.db.selectFrom('keys').selectAll().where('kid', '=', kid).executeTakeFirst()
    if (!row) throw new Error('not_found: Key not found')
    return toKey(row)
  }

  async deleteKey({ kid }: { kid: string }): Promise<boolean> {
    const r = await this.db.deleteFrom('keys').where('kid', '=', kid).executeTakeFirst()
    return Number(r.numDeletedRows) > 0
  }

  async listKeys(): Promise<ManagedKeyInfo[]> {
    const rows = await this.db.selectFrom('keys').selectAll().execute()
    return rows.map(toKey)
  }
}

export class KyselyPrivateKeyStore extends AbstractPrivateKeyStore {
  constructor(private readonly db: Db, private readonly masterKey: Buffer) {
    super()
  }

  async importKey(args: ImportablePrivateKey): Promise<ManagedPrivateKey> {
    const alias = args.alias ?? randomUUID()
    const existing = await this.db.selectFrom('private_keys').selectAll().where('alias', '=', alias).executeTakeFirst()
    if (existing) {
      if (decryptSecret(this.masterKey, existing.ciphertext, alias) !== args.privateKeyHex) {
        throw new Error('key_already_exists: key exists with different data, please use a different alias')
      }
      return { alias, type: args.type, privateKeyHex: args.privateKeyHex }
    }
    await this.db.insertInto('private_keys').values({
      alias,
      type: args.type,
      ciphertext: encryptSecret(this.masterKey, args.privateKeyHex, alias),
      created_at: new Date().toISOString(),
    }).execute()
    return { alias, type: args.type, privateKeyHex: args.privateKeyHex }
  }

  async getKey({ alias }: { alias: string }): Promise<ManagedPrivateKey> {
    const row = await this.db.selectFrom('private_keys').selectAll().where('alias', '=', alias).executeTakeFirst()
    if (!row) throw new Error(`not_found: PrivateKey not found for alias=${alias}`)
    return { alias, type: row.type as ManagedPrivateKey['type'], privateKeyHex: decryptSecret(this.masterKey, row.ciphertext, alias) }
  }

  async deleteKey({ alias }: { alias: string }): Promise<boolean> {
    const r = await this.db.deleteFrom('private_keys').where('alias', '=', alias).executeTakeFirst()
    return Number(r.numDeletedRows) > 0
  }

  async listKeys(): Promise<ManagedPrivateKey[]> {
    const rows = await this.db.selectFrom('private_keys').select('alias').execute()
    return Promise.all(rows.map((r) => this.getKey({ alias: r.alias })))
  }
}

export class KyselyDIDStore extends AbstractDIDStore {
  constructor(private readonly db: Db) {
    super()
  }

  async importDID(args: IIdentifier): Promise<boolean> {
    await this.db.transaction().execute(async (trx) => {
      const row = {
        provider: args.provider,
        alias: args.alias ?? null,
        controller_key_id: args.controllerKeyId ?? null,
        services: JSON.stringify(args.services ?? []),
      }
      await trx.insertInto('dids').values({ did: args.did, ...row, created_at: new Date().toISOString() })
        .onConflict((oc) => oc.column('did').doUpdateSet(row)).execute()
      for (const key of args.keys) {
        const k = { kid: key.kid, kms: key.kms, type: key.type, public_key_hex: key.publicKeyHex, meta: key.meta ? JSON.stringify(key.meta) : null, did: args.did }
        await trx.insertInto('keys').values(k).onConflict((oc) => oc.column('kid').doUpdateSet(k)).execute()
      }
    })
    return true
  }

  async getDID(args: { did: string } | { alias: string }): Promise<IIdentifier> {
    let q = this.db.selectFrom('dids').selectAll()
    q = 'did' in args && args.did ? q.where('did', '=', args.did) : q.where('alias', '=', (args as { alias: string }).alias)
    const row = await q.executeTakeFirst()
    if (!row) throw new Error('not_found: Identifier not found')
    return this.hydrate(row)
  }

  async deleteDID({ did }: { did: string }): Promise<boolean> {
    const r = await this.db.deleteFrom('dids').where('did', '=', did).executeTakeFirst()
    return Number(r.numDeletedRows) > 0
  }

  async listDIDs(args: { alias?: string; provider?: string }): Promise<IIdentifier[]> {
    let q = this.db.selectFrom('dids').selectAll()
    if (args.alias) q = q.where('alias', '=', args.alias)
    if (args.provider) q = q.where('provider', '=', args.provider)
    const rows = await q.execute()
    return Promise.all(rows.map((r) => this.hydrate(r)))
  }

  private async hydrate(row: { did: string; provider: string; alias: string | null; controller_key_id: string | null; services: string }): Promise<IIdentifier> {
    const keys = await this.db.selectFrom('keys').selectAll().where('did', '=', row.did).execute()
    return {
      did: row.did,
      provider: row.provider,
      alias: row.alias ?? undefined,
      controllerKeyId: row.controller_key_id ?? undefined,
      keys: keys.map(toKey),
      services: JSON.parse(row.services),
    }
  }
}
