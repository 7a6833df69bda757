import type { Kysely } from 'kysely'

// Issue 12 §3: a share can be shown again. shares.token_ciphertext holds the share's token
// encrypted under the master key (AES-256-GCM, bound to the share's id), as private keys are;
// the token is still found by its SHA-256 (token_hash) and never stored in clear. Shares made
// before this migration have none (null): they cannot be shown again.
// Why: docs/decisions/024-shares-shown-again.md.
// Frozen once landed: change the schema with a new migration, never by editing this one.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('shares').addColumn('token_ciphertext', 'text').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('shares').dropColumn('token_ciphertext').execute()
}
