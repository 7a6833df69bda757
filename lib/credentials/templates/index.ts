import type { FieldError } from '@/lib/errors'
import { SCHEMAS, type TemplateId } from '../schemas'
import type { BuildContext } from './shared'
import { buildSkillBadge, skillBadgeTitle, type SkillBadgeClaims } from './skill-badge'
import { buildWorkExperience, checkWorkExperience, workExperienceTitle, type WorkExperienceClaims } from './work-experience'

export interface Template {
  id: TemplateId
  name: string
  description: string
  /** Rules beyond the JSON Schema, run after it passes. */
  check(claims: unknown): FieldError[]
  build(claims: unknown, ctx: BuildContext): Record<string, unknown>
  title(claims: unknown): string
}

export const TEMPLATES: Record<TemplateId, Template> = {
  'skill-badge': {
    id: 'skill-badge',
    name: SCHEMAS['skill-badge'].title,
    description: SCHEMAS['skill-badge'].description,
    check: () => [],
    build: (c, ctx) => buildSkillBadge(c as SkillBadgeClaims, ctx),
    title: (c) => skillBadgeTitle(c as SkillBadgeClaims),
  },
  'work-experience': {
    id: 'work-experience',
    name: SCHEMAS['work-experience'].title,
    description: SCHEMAS['work-experience'].description,
    check: (c) => checkWorkExperience(c as WorkExperienceClaims),
    build: (c, ctx) => buildWorkExperience(c as WorkExperienceClaims, ctx),
    title: (c) => workExperienceTitle(c as WorkExperienceClaims),
  },
}

export function listTemplates(): { id: TemplateId; name: string }[] {
  return Object.values(TEMPLATES).map(({ id, name }) => ({ id, name }))
}

export type { BuildContext }
