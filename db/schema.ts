import type { ColumnType, Insertable, Selectable, Updateable } from 'kysely'
import type {
  AccountLinkPurpose, Availability, BulkBatchStatus, BulkRowStatus, BulkSource, ConceptKind, ConsentKind, ContactStatus,
  CredentialFormat, CredentialOrigin, CsvDelimiter, EvidenceLevel, ExperienceKind, NotificationKind, OrganisationDidMethod,
  OrganisationEventAction, OrganisationKind, OrganisationStatus, PhotoType, PilotRole, ProfileSection, RemoteStatus,
  ReportReason, Role, SkillLevel, StatusPurpose, StoryStatus,
} from './enums'

// Enum-like text columns are typed with their closed list (db/enums.ts), which a CHECK constraint
// also enforces in the database (decision 037).

/** ISO-8601 text in every dialect, so the same code runs on SQLite and PostgreSQL. */
type Timestamp = string

export interface OrganisationsTable {
  id: string
  slug: string
  name: string
  kind: OrganisationKind
  region: string | null
  /** The DID it issues under now: its did:key while pending, its did:web once approved. */
  did: string
  created_at: Timestamp
  /** Approved organisations form the registry of trusted issuers. */
  status: ColumnType<OrganisationStatus, OrganisationStatus | undefined, OrganisationStatus>
  /** When and by whom it was (last) approved: a user id, or 'cli' / 'migration'. */
  approved_at: Timestamp | null
  approved_by: string | null
  suspended_at: Timestamp | null
  suspended_by: string | null
  suspended_reason: string | null
}

export interface OrganisationEventsTable {
  id: string
  organisation_id: string
  action: OrganisationEventAction
  /** A user id, or 'cli' / 'migration'. */
  actor: string | null
  reason: string | null
  at: Timestamp
}

/** Every DID an organisation has issued under (its first did:key, then its did:web). */
export interface OrganisationDidsTable {
  did: string
  organisation_id: string
  method: OrganisationDidMethod
  created_at: Timestamp
}

/** The keys of an organisation's did:web in the order they were added: the newest signs, all stay listed. */
export interface OrganisationKeysTable {
  /** Veramo key id. */
  kid: string
  organisation_id: string
  did: string
  /** The verification method's fragment ('key-1', 'key-2', …). */
  fragment: string
  created_at: Timestamp
  /** Withdrawn (compromised): gone from assertionMethod/authentication, listed with `revoked` since then. */
  retired_at: ColumnType<Timestamp | null, Timestamp | null | undefined, Timestamp | null>
  retired_reason: ColumnType<string | null, string | null | undefined, string | null>
}

/** Issuers trusted elsewhere, loaded by an admin from a registry file (DCC issuer-registry format). */
export interface ExternalIssuersTable {
  did: string
  registry: string
  name: string
  url: string | null
  location: string | null
  loaded_at: Timestamp
  loaded_by: string | null
}

export interface UsersTable {
  id: string
  email: string | null
  username: string
  display_name: string
  role: Role
  organisation_id: string | null
  /** Holder did:key of a young person; null for every other role. */
  did: string | null
  password_hash: string | null
  locale: string
  created_at: Timestamp
  /** When the young person chose a password from their activation link (null: not yet). */
  activated_at: Timestamp | null
}

export interface CredentialsTable {
  /** The credential's own `id` (urn:uuid:…). */
  id: string
  /** The organisation of this instance that signed it; null for an imported credential. */
  issuer_organisation_id: string | null
  issued_by_user_id: string | null
  holder_user_id: string | null
  subject_did: string
  template_id: string
  format: CredentialFormat
  /** The signed credential exactly as issued: JSON text or the compact JWT. */
  document: string
  title: string
  valid_from: Timestamp
  valid_until: Timestamp | null
  created_at: Timestamp
  /** Hidden by the holder in their wallet (not deleted, not shareable while hidden). */
  hidden_at: Timestamp | null
  /** An evidence photo (≤ 2 MB) kept with the credential record, outside the signed document. */
  evidence_photo: Uint8Array | null
  evidence_photo_type: PhotoType | null
  /** The language the credential content was written in ('fr' | 'en'). */
  language: string | null
  /** Signed by an organisation of this instance, added by its holder from elsewhere, or a self-declared story. */
  origin: ColumnType<CredentialOrigin, CredentialOrigin | undefined, CredentialOrigin>
  imported_at: Timestamp | null
  /** The verification result at import (JSON text of a VerificationResult). */
  import_verification: string | null
  /** The issuer's DID as the credential names it. */
  issuer_did: string | null
  /** The key that signed it (DI proof.verificationMethod, JWT kid). */
  verification_method: ColumnType<string | null, string | null | undefined, string | null>
  /** Imported ones: the last definitive re-check of their status. */
  remote_status: ColumnType<RemoteStatus | null, RemoteStatus | null | undefined, RemoteStatus | null>
  remote_status_checked_at: ColumnType<Timestamp | null, Timestamp | null | undefined, Timestamp | null>
  remote_status_attempted_at: ColumnType<Timestamp | null, Timestamp | null | undefined, Timestamp | null>
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

export interface SessionsTable {
  id: string
  /** SHA-256 of the cookie token, hex. */
  token_hash: string
  user_id: string
  created_at: Timestamp
  expires_at: Timestamp
  last_seen_at: Timestamp
}

export interface AccountLinksTable {
  id: string
  token_hash: string
  purpose: AccountLinkPurpose
  user_id: string | null
  organisation_id: string | null
  role: Role | null
  email: string | null
  created_by: string | null
  created_at: Timestamp
  expires_at: Timestamp
  used_at: Timestamp | null
}

export interface SharesTable {
  id: string
  holder_user_id: string
  token_hash: string
  /** The token under the master key (AES-256-GCM, bound to the share id), to show it again; null for shares made before issue 12. */
  token_ciphertext: ColumnType<string | null, string | null | undefined, string | null>
  label: string
  about: string
  created_at: Timestamp
  expires_at: Timestamp
  revoked_at: Timestamp | null
  view_count: ColumnType<number, number | undefined, number>
  last_viewed_at: Timestamp | null
}

export interface ShareCredentialsTable {
  share_id: string
  credential_id: string
  position: number
}

export interface RateLimitsTable {
  key: string
  window_start: Timestamp
  count: number
}

export interface TaxonomyConceptsTable {
  uri: string
  kind: ConceptKind
  framework: string
  code: string | null
}

export interface TaxonomyLabelsTable {
  uri: string
  lang: string
  label: string
  /** Newline-separated alternative labels. */
  alt_labels: string
  description: string | null
  search_text: string
}

/** One word of a concept's labels in one language (issue 12 §9: the indexed word search). */
export interface TaxonomyWordsTable {
  lang: string
  word: string
  uri: string
}

export interface StatusListsTable {
  id: string
  organisation_id: string
  purpose: StatusPurpose
  list_number: number
  /** Number of entries (bits), ≥ 131,072. */
  size: number
  /** The raw bitstring (size / 8 bytes), bit 0 = most significant bit of byte 0. */
  bits: Uint8Array
  /** Bumped on every change (ETag, cache key). */
  version: number
  created_at: Timestamp
  updated_at: Timestamp
}

export interface StatusEntriesTable {
  list_id: string
  status_index: number
  credential_id: string
}

export interface CredentialStatusTable {
  credential_id: string
  revoked_at: Timestamp | null
  revoked_reason: string | null
  /** Who acted: a user id, or 'cli'. */
  revoked_by: string | null
  suspended_at: Timestamp | null
  suspended_reason: string | null
  suspended_by: string | null
  updated_at: Timestamp
}

/** The young person's profile: where they are, when they are available, the languages they speak. */
export interface ProfilesTable {
  user_id: string
  region: string | null
  availability: Availability | null
  /** JSON array of { code, level: 'basic' | 'fluent' | 'native' }. */
  languages: ColumnType<string, string | undefined, string>
  updated_at: Timestamp
}

export interface ProfileGoalsTable {
  id: string
  user_id: string
  /** An ESCO occupation URI, or null for a goal in the young person's own words. */
  occupation_uri: string | null
  label: string
  position: number
  created_at: Timestamp
}

export interface ExperiencesTable {
  id: string
  user_id: string
  kind: ExperienceKind
  title: string
  place: string | null
  /** 'YYYY-MM' */
  started_on: string
  /** 'YYYY-MM', null = ongoing. */
  ended_on: string | null
  what_i_did: ColumnType<string, string | undefined, string>
  what_i_learned: ColumnType<string, string | undefined, string>
  created_at: Timestamp
  updated_at: Timestamp
}

export interface CredentialExperiencesTable {
  credential_id: string
  experience_id: string
}

export interface ShareSectionsTable {
  share_id: string
  section: ProfileSection
}

export interface PilotActionsTable {
  id: string
  organisation_id: string
  name: string
  description: ColumnType<string, string | undefined, string>
  region: string | null
  /** 'YYYY-MM-DD' */
  starts_on: string
  ends_on: string
  created_by: string | null
  created_at: Timestamp
}

export interface PilotMembersTable {
  pilot_id: string
  user_id: string
  role: PilotRole
  added_at: Timestamp
}

export interface PilotPartnersTable {
  pilot_id: string
  organisation_id: string
  added_at: Timestamp
}

export interface BulkBatchesTable {
  id: string
  organisation_id: string
  pilot_id: string | null
  template_id: string
  format: CredentialFormat
  source: BulkSource
  file_name: string | null
  status: BulkBatchStatus
  total_rows: number
  /** The encoding the CSV was read in (lib/bulk/encoding.ts); null for a selection. */
  encoding: ColumnType<string | null, string | null | undefined, string | null>
  /** Null for a selection. */
  delimiter: ColumnType<CsvDelimiter | null, CsvDelimiter | null | undefined, CsvDelimiter | null>
  created_by: string
  created_at: Timestamp
  started_at: Timestamp | null
  finished_at: Timestamp | null
}

export interface BulkRowsTable {
  batch_id: string
  /** 1-based, as a person reads the CSV. */
  row_number: number
  holder_user_id: string | null
  subject_did: string | null
  /** JSON text of the claims to sign. */
  claims: string
  /** 'skipped': repeats a badge; not issued unless chosen. */
  status: BulkRowStatus
  /** JSON { kind: 'held', credentialId, issuedAt } | { kind: 'row', row }: the badge this row repeats. */
  duplicate: ColumnType<string | null, string | null | undefined, string | null>
  /** 1: the counsellor chose to issue this repeat again on purpose. */
  reissue: ColumnType<number, number | undefined, number>
  /** JSON text: field errors or a message. */
  error: string | null
  /** Set in the same transaction that stores the credential: a row is issued at most once. */
  credential_id: string | null
  issued_at: Timestamp | null
}

/** A skill claim a young person drafts with guided prompts and asks a counsellor or a tutor to attest. */
export interface SkillStoriesTable {
  id: string
  youth_user_id: string
  /** An ESCO skill, or null for a skill in the young person's own words. */
  skill_uri: string | null
  skill_label: string
  situation: ColumnType<string, string | undefined, string>
  what_i_did: ColumnType<string, string | undefined, string>
  outcome: ColumnType<string, string | undefined, string>
  experience_id: string | null
  attester_user_id: string | null
  attester_organisation_id: string | null
  status: StoryStatus
  /** JSON text of the attester's proposed edits while 'changes_proposed'. */
  proposal: string | null
  decline_message: string | null
  credential_id: string | null
  /** Once it became a credential. */
  evidence_level: EvidenceLevel | null
  created_at: Timestamp
  updated_at: Timestamp
  requested_at: Timestamp | null
  decided_at: Timestamp | null
}

/** Every skill a credential states (its alignments' targetUrl) and its evidence level: what the directory searches. */
export interface CredentialSkillsTable {
  credential_id: string
  skill_uri: string
  label: string
  /** Null when the credential does not say. */
  evidence_level: EvidenceLevel | null
  /** Null when the credential does not say (issue 12). */
  skill_level: SkillLevel | null
}

/** A young person who opted in to the recruiters' directory (withdrawing deletes the row). */
export interface DirectoryEntriesTable {
  user_id: string
  /** A random pseudonym for the blind profile, never derived from the account. */
  handle: string
  opted_in_at: Timestamp
}

export interface ContactRequestsTable {
  id: string
  youth_user_id: string
  recruiter_user_id: string
  recruiter_organisation_id: string
  message: string
  status: ContactStatus
  created_at: Timestamp
  decided_at: Timestamp | null
}

export interface ContactMessagesTable {
  id: string
  contact_id: string
  sender_user_id: string
  body: string
  created_at: Timestamp
  read_at: Timestamp | null
}

export interface BlocksTable {
  youth_user_id: string
  recruiter_user_id: string
  created_at: Timestamp
}

export interface ReportsTable {
  id: string
  /** Null once the reporter deleted their account: the report is about the recruiter and stays. */
  reporter_user_id: string | null
  recruiter_user_id: string
  contact_id: string | null
  reason: ReportReason
  details: ColumnType<string, string | undefined, string>
  created_at: Timestamp
  resolved_at: Timestamp | null
  resolved_by: string | null
  resolution_note: string | null
}

/** A challenge a young person must answer, signed by `did`, to link that identifier (decision 021). */
export interface LinkChallengesTable {
  id: string
  user_id: string
  did: string
  /** SHA-256 of the challenge, hex: the challenge itself is shown once and not stored. */
  challenge_hash: string
  created_at: Timestamp
  expires_at: Timestamp
  used_at: ColumnType<Timestamp | null, Timestamp | null | undefined, Timestamp | null>
}

/** Another identifier a young person proved to control: credentials issued to it count as theirs. */
export interface LinkedIdentifiersTable {
  id: string
  user_id: string
  did: string
  /** The presentation that proved control, as received. */
  presentation: string
  presentation_hash: string
  linked_at: Timestamp
}

/** The consent log. `user_id` is null only for the 'account_deleted' entry. */
export interface ConsentEventsTable {
  id: string
  user_id: string | null
  kind: ConsentKind
  /** JSON text of what it was about; never a secret. */
  detail: string | null
  at: Timestamp
}

/** A credential pushed to a young person the organisation does not accompany, until they accept or refuse. */
export interface CredentialOffersTable {
  id: string
  credential_id: string
  user_id: string
  organisation_id: string
  created_at: Timestamp
}

/** Something that happened for a user (issue 12 §5, decision 025); its text is built when shown, in the reader's language. */
export interface NotificationsTable {
  id: string
  /** Who reads it. */
  user_id: string
  /** Whose action caused it (erased with them); null when no user of ours did (an organisation's VC-API call). */
  actor_user_id: string | null
  /** Its text and parameters: lib/notifications/schemas.ts. */
  kind: NotificationKind
  /** JSON object of short strings: the names and titles the text needs. */
  params: string
  /** An in-app path, such as /wallet/urn:uuid:… */
  link: string
  /** One unread notification per topic and reader: a newer one replaces it. */
  topic: string | null
  created_at: Timestamp
  read_at: Timestamp | null
}

export interface Database {
  organisations: OrganisationsTable
  organisation_events: OrganisationEventsTable
  organisation_dids: OrganisationDidsTable
  organisation_keys: OrganisationKeysTable
  external_issuers: ExternalIssuersTable
  users: UsersTable
  credentials: CredentialsTable
  api_tokens: ApiTokensTable
  dids: DidsTable
  keys: KeysTable
  private_keys: PrivateKeysTable
  sessions: SessionsTable
  account_links: AccountLinksTable
  shares: SharesTable
  share_credentials: ShareCredentialsTable
  rate_limits: RateLimitsTable
  taxonomy_concepts: TaxonomyConceptsTable
  taxonomy_labels: TaxonomyLabelsTable
  taxonomy_words: TaxonomyWordsTable
  status_lists: StatusListsTable
  status_entries: StatusEntriesTable
  credential_status: CredentialStatusTable
  profiles: ProfilesTable
  profile_goals: ProfileGoalsTable
  experiences: ExperiencesTable
  credential_experiences: CredentialExperiencesTable
  share_sections: ShareSectionsTable
  pilot_actions: PilotActionsTable
  pilot_members: PilotMembersTable
  pilot_partners: PilotPartnersTable
  bulk_batches: BulkBatchesTable
  bulk_rows: BulkRowsTable
  skill_stories: SkillStoriesTable
  credential_skills: CredentialSkillsTable
  directory_entries: DirectoryEntriesTable
  contact_requests: ContactRequestsTable
  contact_messages: ContactMessagesTable
  blocks: BlocksTable
  reports: ReportsTable
  consent_events: ConsentEventsTable
  link_challenges: LinkChallengesTable
  linked_identifiers: LinkedIdentifiersTable
  credential_offers: CredentialOffersTable
  notifications: NotificationsTable
}

export type Organisation = Selectable<OrganisationsTable>
export type NewOrganisation = Insertable<OrganisationsTable>
export type User = Selectable<UsersTable>
export type NewUser = Insertable<UsersTable>
export type UserUpdate = Updateable<UsersTable>
export type CredentialRow = Selectable<CredentialsTable>
export type NewCredentialRow = Insertable<CredentialsTable>
export type ApiToken = Selectable<ApiTokensTable>
export type StatusListRow = Selectable<StatusListsTable>
export type CredentialStatusRow = Selectable<CredentialStatusTable>
export type { ColumnType }
