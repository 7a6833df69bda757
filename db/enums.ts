// The closed lists of values that enum-like text columns hold (decision 037). One `as const` array
// per list: db/schema.ts types the column with it, lib/ re-exports it where a domain names it
// (ROLES, ORGANISATION_KINDS…), and the database enforces it with a CHECK constraint.
//
// The CHECK constraints are written by migrations, which are frozen once landed: each carries its
// own copy of the lists (2026_12_08_1500_enum_checks `ENUM_CHECKS`). tests/unit/db/enum-checks
// asserts that ENUM_COLUMNS below equals the lists the migrations enforce, so a value added here
// without a new migration fails the tests instead of failing an insert in production.
//
// Pure data, no imports: lib/, db/ and client components may all read it.

export const ORGANISATION_KINDS = ['youth_support', 'training', 'employer'] as const
/** Approved organisations form the registry of trusted issuers. */
export const ORGANISATION_STATUSES = ['pending', 'approved', 'suspended'] as const
export const ORGANISATION_EVENT_ACTIONS = ['registered', 'approved', 'suspended', 'reinstated', 'key_rotated', 'key_retired'] as const
/** The DID methods an organisation issues under: its first did:key, then its did:web. */
export const ORGANISATION_DID_METHODS = ['key', 'web'] as const

export const ROLES = ['youth', 'counsellor', 'tutor', 'recruiter', 'admin'] as const
/** Who takes part in a pilot action. */
export const PILOT_ROLES = ['youth', 'counsellor', 'tutor'] as const
/** A young person's activation (sets a password) or an invitation to join an organisation. */
export const ACCOUNT_LINK_PURPOSES = ['activation', 'invitation'] as const

/** 'di': Data Integrity JSON; 'jwt': compact VC-JWT. */
export const CREDENTIAL_FORMATS = ['di', 'jwt'] as const
/** Signed here by an organisation, imported by its holder from elsewhere, or a young person's own self-declared story. */
export const CREDENTIAL_ORIGINS = ['issued', 'imported', 'self_declared'] as const
/** An imported credential's last definitive status re-check ('none': it has no status entry). */
export const REMOTE_STATUSES = ['active', 'none', 'revoked', 'suspended', 'invalid'] as const
/** An evidence photo's type, as its first bytes say (lib/issuing/photo.ts). */
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const
/** W3C Bitstring Status List statusPurpose values this instance publishes. */
export const STATUS_PURPOSES = ['revocation', 'suspension'] as const
export const EVIDENCE_LEVELS = ['self_declared', 'witnessed', 'assessed'] as const
export const SKILL_LEVELS = ['discovering', 'practising', 'autonomous', 'expert'] as const

export const CONCEPT_KINDS = ['skill', 'skill_group', 'occupation', 'key_competence'] as const

export const EXPERIENCE_KINDS = ['formal', 'non_formal', 'informal'] as const
export const AVAILABILITIES = ['now', 'soon', 'later', 'not_looking'] as const
/** The profile sections a portfolio may show besides its credentials. */
export const PROFILE_SECTIONS = ['path', 'goals', 'languages', 'availability'] as const

export const BULK_SOURCES = ['csv', 'selection'] as const
export const BULK_BATCH_STATUSES = ['previewed', 'running', 'done'] as const
/** 'skipped': repeats a badge, not issued unless chosen. */
export const BULK_ROW_STATUSES = ['ready', 'invalid', 'issued', 'failed', 'skipped'] as const
export const CSV_DELIMITERS = [',', ';', '\t'] as const

export const STORY_STATUSES = ['draft', 'requested', 'changes_proposed', 'declined', 'attested', 'self_declared'] as const
export const CONTACT_STATUSES = ['pending', 'accepted', 'declined'] as const
export const REPORT_REASONS = ['spam', 'inappropriate', 'not_a_job', 'other'] as const
export const CONSENT_KINDS = [
  'directory_opt_in', 'directory_opt_out', 'contact_accepted', 'contact_declined', 'recruiter_blocked',
  'data_exported', 'account_deleted', 'offer_accepted', 'offer_refused',
] as const
/** Their texts and parameters: lib/notifications/schemas.ts. */
export const NOTIFICATION_KINDS = [
  'contact_request', 'contact_accepted', 'contact_declined', 'contact_message', 'story_request', 'story_answered',
  'story_proposal', 'story_declined', 'story_attested', 'badge', 'offer',
] as const

type Of<T extends readonly string[]> = T[number]
export type OrganisationKind = Of<typeof ORGANISATION_KINDS>
export type OrganisationStatus = Of<typeof ORGANISATION_STATUSES>
export type OrganisationEventAction = Of<typeof ORGANISATION_EVENT_ACTIONS>
export type OrganisationDidMethod = Of<typeof ORGANISATION_DID_METHODS>
export type Role = Of<typeof ROLES>
export type PilotRole = Of<typeof PILOT_ROLES>
export type AccountLinkPurpose = Of<typeof ACCOUNT_LINK_PURPOSES>
export type CredentialFormat = Of<typeof CREDENTIAL_FORMATS>
export type CredentialOrigin = Of<typeof CREDENTIAL_ORIGINS>
export type RemoteStatus = Of<typeof REMOTE_STATUSES>
export type PhotoType = Of<typeof PHOTO_TYPES>
export type StatusPurpose = Of<typeof STATUS_PURPOSES>
export type EvidenceLevel = Of<typeof EVIDENCE_LEVELS>
export type SkillLevel = Of<typeof SKILL_LEVELS>
export type ConceptKind = Of<typeof CONCEPT_KINDS>
export type ExperienceKind = Of<typeof EXPERIENCE_KINDS>
export type Availability = Of<typeof AVAILABILITIES>
export type ProfileSection = Of<typeof PROFILE_SECTIONS>
export type BulkSource = Of<typeof BULK_SOURCES>
export type BulkBatchStatus = Of<typeof BULK_BATCH_STATUSES>
export type BulkRowStatus = Of<typeof BULK_ROW_STATUSES>
export type CsvDelimiter = Of<typeof CSV_DELIMITERS>
export type StoryStatus = Of<typeof STORY_STATUSES>
export type ContactStatus = Of<typeof CONTACT_STATUSES>
export type ReportReason = Of<typeof REPORT_REASONS>
export type ConsentKind = Of<typeof CONSENT_KINDS>
export type NotificationKind = Of<typeof NOTIFICATION_KINDS>

/** Every enum-like column and its list: what the CHECK constraints must enforce (see the test named above). */
export const ENUM_COLUMNS = {
  organisations: { kind: ORGANISATION_KINDS, status: ORGANISATION_STATUSES },
  organisation_events: { action: ORGANISATION_EVENT_ACTIONS },
  organisation_dids: { method: ORGANISATION_DID_METHODS },
  users: { role: ROLES },
  credentials: { format: CREDENTIAL_FORMATS, origin: CREDENTIAL_ORIGINS, remote_status: REMOTE_STATUSES, evidence_photo_type: PHOTO_TYPES },
  account_links: { purpose: ACCOUNT_LINK_PURPOSES, role: ROLES },
  taxonomy_concepts: { kind: CONCEPT_KINDS },
  status_lists: { purpose: STATUS_PURPOSES },
  profiles: { availability: AVAILABILITIES },
  experiences: { kind: EXPERIENCE_KINDS },
  share_sections: { section: PROFILE_SECTIONS },
  pilot_members: { role: PILOT_ROLES },
  bulk_batches: { format: CREDENTIAL_FORMATS, source: BULK_SOURCES, status: BULK_BATCH_STATUSES, delimiter: CSV_DELIMITERS },
  bulk_rows: { status: BULK_ROW_STATUSES },
  skill_stories: { status: STORY_STATUSES, evidence_level: EVIDENCE_LEVELS },
  credential_skills: { evidence_level: EVIDENCE_LEVELS, skill_level: SKILL_LEVELS },
  contact_requests: { status: CONTACT_STATUSES },
  reports: { reason: REPORT_REASONS },
  consent_events: { kind: CONSENT_KINDS },
  notifications: { kind: NOTIFICATION_KINDS },
} as const satisfies Record<string, Record<string, readonly string[]>>
