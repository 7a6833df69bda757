import type { Kysely } from 'kysely'

// Issue 10 §5: who may vouch and who may enrol.
// - credential_offers: a credential an organisation pushed (VC-API, bulk) to the DID of a young
//   person it does not accompany waits here until they accept (the credential row then gets its
//   holder) or refuse (the offer goes; the organisation's own record stays, unlinked).
// - organisation_keys.retired_at / retired_reason: a withdrawn (compromised) signing key.
// - credentials.verification_method: the key that signed (DI proof.verificationMethod, JWT kid), so
//   the issuer's list can say which credentials a retired key signed. Backfilled below.
// - credentials.remote_status*: the last re-check of an imported credential's remote status list
//   (done on a schedule, never in a request), which the recruiters' directory filters on.
// Frozen once landed: change the schema with a new migration, never by editing this one.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('credential_offers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('credential_id', 'text', (c) => c.notNull().unique().references('credentials.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('credential_offers_user_idx').on('credential_offers').columns(['user_id', 'created_at']).execute()

  await db.schema.alterTable('organisation_keys').addColumn('retired_at', 'text').execute()
  await db.schema.alterTable('organisation_keys').addColumn('retired_reason', 'text').execute()

  await db.schema.alterTable('credentials').addColumn('verification_method', 'text').execute()
  /** 'active' | 'none' (no status entry) | 'revoked' | 'suspended' | 'invalid': the last definitive answer. */
  await db.schema.alterTable('credentials').addColumn('remote_status', 'text').execute()
  /** When that definitive answer was obtained. */
  await db.schema.alterTable('credentials').addColumn('remote_status_checked_at', 'text').execute()
  /** When the last attempt ran (a host that does not answer leaves the last definitive answer as it was). */
  await db.schema.alterTable('credentials').addColumn('remote_status_attempted_at', 'text').execute()
  await db.schema.createIndex('credentials_verification_method_idx').on('credentials').column('verification_method').execute()
  await backfillVerificationMethods(db)
}

/** The signing key of each stored credential, read from its document (nothing is verified here). */
async function backfillVerificationMethods(db: Kysely<any>): Promise<void> {
  const rows: { id: string; document: string; format: string }[] = await db.selectFrom('credentials').select(['id', 'document', 'format']).execute()
  for (const row of rows) {
    const method = signingMethodOf(row.document)
    if (method) await db.updateTable('credentials').set({ verification_method: method }).where('id', '=', row.id).execute()
  }
}

/** A frozen copy of lib/issuing/signing-method.ts as it was when this migration landed. */
function signingMethodOf(document: string): string | null {
  const text = document.trim()
  try {
    if (/^[\w-]+\.[\w-]+\.[\w-]*$/.test(text)) {
      const header = JSON.parse(Buffer.from(text.split('.')[0]!, 'base64url').toString('utf8')) as { kid?: unknown }
      return typeof header.kid === 'string' ? header.kid.slice(0, 2000) : null
    }
    const proof = (JSON.parse(text) as { proof?: unknown }).proof
    const first = (Array.isArray(proof) ? proof[0] : proof) as { verificationMethod?: unknown } | undefined
    const vm = typeof first?.verificationMethod === 'object' ? (first.verificationMethod as { id?: unknown } | null)?.id : first?.verificationMethod
    return typeof vm === 'string' ? vm.slice(0, 2000) : null
  } catch {
    return null
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('credentials_verification_method_idx').execute()
  for (const column of ['remote_status_attempted_at', 'remote_status_checked_at', 'remote_status', 'verification_method']) {
    await db.schema.alterTable('credentials').dropColumn(column).execute()
  }
  await db.schema.alterTable('organisation_keys').dropColumn('retired_reason').execute()
  await db.schema.alterTable('organisation_keys').dropColumn('retired_at').execute()
  await db.schema.dropTable('credential_offers').execute()
}
