import type { ColumnType, Insertable, Selectable, Updateable } from 'kysely'

/** ISO-8601 text in every dialect, so the same code runs on SQLite and PostgreSQL. */
type Timestamp = string

export interface OrganisationsTable {
  id: string
  slug: string
  name: string
  /** 'youth_support' | 'training' | 'employer' */
  kind: string
  region: string | null
  did: string
  created_at: Timestamp
}

export interface UsersTable {
  id: string
  email: string | null
  username: string
  display_name: string
  /** 'youth' | 'counsellor' | 'tutor' | 'recruiter' | 'admin' */
  role: string
  organisation_id: string | null
  /** Holder did:key of a young person; null for every other role. */
  did: string | null
  password_hash: string | null
  locale: string
  created_at: Timestamp
}

export interface CredentialsTable {
  /** The credential's own `id` (urn:uuid:…). */
  id: string
  issuer_organisation_id: string
  issued_by_user_id: string | null
  holder_user_id: string | null
  subject_did: string
  template_id: string
  /** 'di' (Data Integrity JSON) | 'jwt' (compact VC-JWT) */
  format: string
  /** The signed credential exactly as issued: JSON text or the compact JWT. */
  document: string
  title: string
  valid_from: Timestamp
  valid_until: Timestamp | null
  created_at: Timestamp
}

export interface ApiTokensTable {
  id: string
  organisation_id: string
  /** SHA-256 of the token, hex: the token itself is shown once and never stored. */
  token_hash: string
  label: string
  created_at: Timestamp
  last_used_at: Timestamp | null
  revoked_at: Timestamp | null
}

/** Veramo DID store. */
export interface DidsTable {
  did: string
  provider: string
  alias: string | null
  controller_key_id: string | null
  services: string
  created_at: Timestamp
}

/** Veramo key store: public parts and metadata only. */
export interface KeysTable {
  kid: string
  kms: string
  type: string
  public_key_hex: string
  meta: string | null
  did: string | null
}

/** Veramo private-key store: AES-256-GCM ciphertext under the master key. */
export interface PrivateKeysTable {
  alias: string
  type: string
  ciphertext: string
  created_at: Timestamp
}

export interface Database {
  organisations: OrganisationsTable
  users: UsersTable
  credentials: CredentialsTable
  api_tokens: ApiTokensTable
  dids: DidsTable
  keys: KeysTable
  private_keys: PrivateKeysTable
}

export type Organisation = Selectable<OrganisationsTable>
export type NewOrganisation = Insertable<OrganisationsTable>
export type User = Selectable<UsersTable>
export type NewUser = Insertable<UsersTable>
export type UserUpdate = Updateable<UsersTable>
export type CredentialRow = Selectable<CredentialsTable>
export type NewCredentialRow = Insertable<CredentialsTable>
export type ApiToken = Selectable<ApiTokensTable>
export type { ColumnType }
