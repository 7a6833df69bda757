import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import skillBadgeV1 from '@/credentials-schemas/skill-badge.schema.json'
import skillBadgeV2 from '@/credentials-schemas/skill-badge.v2.schema.json'
import workExperienceV1 from '@/credentials-schemas/work-experience.schema.json'
import workExperienceV2 from '@/credentials-schemas/work-experience.v2.schema.json'
import type { FieldError } from '../errors'

// Each template's JSON Schemas, every version ever published: a credential is checked against
// the version its `credentialSchema` names, so one signed under v1 stays valid once v2 exists.
// New credentials are built against the current version. (v2 added the evidence level, a second
// `result`, which v1's result enum forbids, and the skill story.)

export const SCHEMA_VERSIONS = {
  'skill-badge': { 1: skillBadgeV1, 2: skillBadgeV2 },
  'work-experience': { 1: workExperienceV1, 2: workExperienceV2 },
} as const

export type TemplateId = keyof typeof SCHEMA_VERSIONS
export type SchemaVersion = 1 | 2
export const CURRENT_SCHEMA_VERSION: SchemaVersion = 2
export const TEMPLATE_IDS = Object.keys(SCHEMA_VERSIONS) as TemplateId[]

/** The current JSON Schema of each template (credentials-schemas/), by template id. The one source of a credential's shape. */
export const SCHEMAS: Record<TemplateId, (typeof SCHEMA_VERSIONS)[TemplateId][SchemaVersion]> = {
  'skill-badge': skillBadgeV2,
  'work-experience': workExperienceV2,
}

/** One published schema: a template at a version. */
export interface SchemaRef {
  templateId: TemplateId
  version: SchemaVersion
}

const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false })
if (addFormats.default) addFormats.default(ajv)
else (addFormats as unknown as (a: Ajv2020) => void)(ajv)
for (const versions of Object.values(SCHEMA_VERSIONS)) for (const schema of Object.values(versions)) ajv.addSchema(schema)

const validators = new Map<string, ValidateFunction>()

function validator(ref: string): ValidateFunction {
  let v = validators.get(ref)
  if (!v) {
    v = ajv.getSchema(ref)
    if (!v) throw new Error(`No schema at ${ref}`)
    validators.set(ref, v)
  }
  return v
}

export function isTemplateId(id: string): id is TemplateId {
  return Object.hasOwn(SCHEMA_VERSIONS, id)
}

/** Validates issuer input against `$defs/claims` of the template's current schema. */
export function validateClaims(templateId: TemplateId, claims: unknown): FieldError[] {
  const v = validator(`${SCHEMAS[templateId].$id}#/$defs/claims`)
  return v(claims) ? [] : toFieldErrors(v.errors ?? [])
}

/** Validates a whole (signed or unsigned) credential against the template's schema (the current version unless told). */
export function validateCredential(templateId: TemplateId, credential: unknown, version: SchemaVersion = CURRENT_SCHEMA_VERSION): FieldError[] {
  const v = validator(SCHEMA_VERSIONS[templateId][version].$id)
  return v(credential) ? [] : toFieldErrors(v.errors ?? [])
}

/**
 * The public URL of a template's schema, as credentials carry it in `credentialSchema`:
 * `/schemas/<template>.json` for v1 (the URL credentials issued before v2 name), `<template>.v<n>.json` after.
 */
export function schemaUrl(publicUrl: string, templateId: TemplateId, version: SchemaVersion = CURRENT_SCHEMA_VERSION): string {
  return `${publicUrl}/schemas/${schemaFileName({ templateId, version })}`
}

export function schemaFileName({ templateId, version }: SchemaRef): string {
  return version === 1 ? `${templateId}.json` : `${templateId}.v${version}.json`
}

/** `skill-badge.json` → v1, `skill-badge.v2.json` → v2; anything else → undefined. */
export function schemaRefOfFile(file: string): SchemaRef | undefined {
  const m = /^([a-z0-9-]+?)(?:\.v(\d+))?\.json$/.exec(file)
  const templateId = m?.[1] ?? ''
  if (!m || !isTemplateId(templateId)) return undefined
  // v1 has one URL only (`<template>.json`): `.v1.json` is not an alias.
  const version = m[2] === undefined ? 1 : Number(m[2])
  if (m[2] === '1' || !Object.hasOwn(SCHEMA_VERSIONS[templateId], version)) return undefined
  return { templateId, version: version as SchemaVersion }
}

/** The JSON Schema document of one published version. */
export function schemaDocument(ref: SchemaRef) {
  return SCHEMA_VERSIONS[ref.templateId][ref.version]
}

/** Tells which of our schemas (template and version) a `credentialSchema.id` names, if any. */
export type SchemaResolver = (url: string) => SchemaRef | undefined

/**
 * The schemas this instance publishes, every version, at `${publicUrl}/schemas/…`. Another
 * instance's URL is not ours even when the path matches: its schema may differ.
 */
export function localSchemaResolver(publicUrl: string): SchemaResolver {
  const byUrl = new Map<string, SchemaRef>()
  for (const templateId of TEMPLATE_IDS) {
    for (const v of Object.keys(SCHEMA_VERSIONS[templateId])) {
      const version = Number(v) as SchemaVersion
      byUrl.set(schemaUrl(publicUrl, templateId, version), { templateId, version })
    }
  }
  return (url) => byUrl.get(url)
}

/** Ajv errors as one entry per field: JSON pointer into the claims, plain message. */
export function toFieldErrors(errors: ErrorObject[]): FieldError[] {
  const out = new Map<string, FieldError>()
  for (const e of errors) {
    // anyOf/oneOf report each branch and then themselves: keep the summary, drop the branches.
    if (errors.some((o) => o !== e && (o.keyword === 'anyOf' || o.keyword === 'oneOf') && o.instancePath === e.instancePath && e.schemaPath.startsWith(o.schemaPath.replace(/\/(anyOf|oneOf)$/, '')) && e.keyword !== o.keyword)) continue
    let path = e.instancePath
    let message = e.message ?? 'is invalid'
    if (e.keyword === 'required') {
      path = `${path}/${(e.params as { missingProperty: string }).missingProperty}`
      message = 'is required'
    } else if (e.keyword === 'additionalProperties') {
      path = `${path}/${(e.params as { additionalProperty: string }).additionalProperty}`
      message = 'is not an allowed field'
    } else if (e.keyword === 'enum') {
      message = `must be one of: ${((e.params as { allowedValues: unknown[] }).allowedValues).join(', ')}`
    } else if (e.keyword === 'anyOf') {
      message = 'is not an accepted value'
    }
    if (!out.has(path)) out.set(path, { path, message })
  }
  return [...out.values()]
}
