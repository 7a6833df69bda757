import { pictogramFamilyOf, type SkillForPictogram } from '../pictograms/families'
import { pictogramDataUri } from '../pictograms/svg'

export type Lang = 'fr' | 'en'

export interface BuildContext {
  id: string
  issuer: { did: string; name: string }
  subjectDid: string
  now: Date
  schemaUrl: string
  /** VC-JWTs are VCDM 1.1 (Veramo writes no other); Data Integrity credentials are VCDM 2.0. */
  format: 'di' | 'jwt'
}

export interface AlignmentClaim {
  targetName: string
  targetUrl: string
  targetFramework: string
  targetCode?: string
}

export interface EvidenceClaim {
  narrative: string
  name?: string
  url?: string
}

export const OB_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'

/** The credential envelope shared by every template: contexts, types, issuer, dates, schema. */
export function envelope(ctx: BuildContext, validUntil: string | undefined) {
  const base = ctx.format === 'di' ? 'https://www.w3.org/ns/credentials/v2' : 'https://www.w3.org/2018/credentials/v1'
  const now = ctx.now.toISOString().replace(/\.\d{3}Z$/, 'Z')
  return {
    '@context': [base, OB_CONTEXT],
    id: ctx.id,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: { id: ctx.issuer.did, type: ['Profile'], name: ctx.issuer.name },
    ...(ctx.format === 'di'
      ? { validFrom: now, ...(validUntil ? { validUntil } : {}) }
      : { issuanceDate: now, ...(validUntil ? { expirationDate: validUntil } : {}) }),
    credentialSchema: [{ id: ctx.schemaUrl, type: ctx.format === 'di' ? 'JsonSchema' : '1EdTechJsonSchemaValidator2019' }],
  }
}

export function alignments(list: AlignmentClaim[] | undefined) {
  return (list ?? []).map((a) => ({ type: ['Alignment'], ...a }))
}

export function evidence(list: EvidenceClaim[] | undefined) {
  return (list ?? []).map((e) => ({
    ...(e.url ? { id: e.url } : {}),
    type: ['Evidence'],
    ...(e.name ? { name: e.name } : {}),
    narrative: e.narrative,
  }))
}

/**
 * The achievement's OB 3.0 `image` (Image, OB 3.0 § B.1.14): the pictogram of the skill's family as
 * a `data:` URI, so the badge carries its own picture and nobody showing it has to fetch it from
 * us (docs/decisions/028-everyday-skill-search-and-badge-pictograms.md). Badges issued before issue 12 have none and verify
 * as before.
 */
export function achievementImage(skill: SkillForPictogram) {
  return { id: pictogramDataUri(pictogramFamilyOf(skill)), type: 'Image' }
}
