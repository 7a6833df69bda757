import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import skillBadgeSchema from '@/credentials-schemas/skill-badge.schema.json'
import workExperienceSchema from '@/credentials-schemas/work-experience.schema.json'
import type { FieldError } from '../errors'

/** The JSON Schemas of credentials-schemas/, by template id. The one source of a credential's shape. */
export const SCHEMAS = {
  'skill-badge': skillBadgeSchema,
  'work-experience': workExperienceSchema,
} as const

export type TemplateId = keyof typeof SCHEMAS
export const TEMPLATE_IDS = Object.keys(SCHEMAS) as TemplateId[]

const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false })
addFormats.default ? addFormats.default(ajv) : (addFormats as unknown as (a: Ajv2020) => void)(ajv)
for (const schema of Object.values(SCHEMAS)) ajv.addSchema(schema)

const claimValidators = new Map<TemplateId, ValidateFunction>()
const credentialValidators = new Map<TemplateId, ValidateFunction>()

function validator(cache: Map<TemplateId, ValidateFunction>, id: TemplateId, ref: string): ValidateFunction {
  let v = cache.get(id)
  if (!v) {
    v = ajv.getSchema(ref)
    if (!v) throw new Error(`No schema at ${ref}`)
    cache.set(id, v)
  }
  return v
}

export function isTemplateId(id: string): id is TemplateId {
  return Object.hasOwn(SCHEMAS, id)
}

/** Validates issuer input against `$defs/claims` of the template's schema. */
export function validateClaims(templateId: TemplateId, claims: unknown): FieldError[] {
  const v = validator(claimValidators, templateId, `${SCHEMAS[templateId].$id}#/$defs/claims`)
  return v(claims) ? [] : toFieldErrors(v.errors ?? [])
}

/** Validates a whole (signed or unsigned) credential against the template's schema. */
export function validateCredential(templateId: TemplateId, credential: unknown): FieldError[] {
  const v = validator(credentialValidators, templateId, SCHEMAS[templateId].$id)
  return v(credential) ? [] : toFieldErrors(v.errors ?? [])
}

/** The public URL of a template's schema, as credentials carry it in `credentialSchema`. */
export function schemaUrl(publicUrl: string, templateId: TemplateId): string {
  return `${publicUrl}/schemas/${templateId}.json`
}

/** Tells which of our templates a `credentialSchema.id` names, if any. */
export type SchemaResolver = (url: string) => TemplateId | undefined

/**
 * The schemas this instance publishes, at `${publicUrl}/schemas/<template>.json`. Another
 * instance's URL is not ours even when the path matches: its schema may differ.
 */
export function localSchemaResolver(publicUrl: string): SchemaResolver {
  const byUrl = new Map(TEMPLATE_IDS.map((id) => [schemaUrl(publicUrl, id), id]))
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
