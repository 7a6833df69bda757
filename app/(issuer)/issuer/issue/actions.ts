'use server'
import { cookies } from 'next/headers'
import { redirect } from 'next/navigation'
import { requireRole } from '@/lib/auth/guards'
import { isTemplateId } from '@/lib/credentials/schemas'
import { AppError, ValidationError } from '@/lib/errors'
import { isLocale, LOCALE_COOKIE } from '@/lib/i18n/config'
import { claimErrorsToFields, formToClaims, formValues, type FormValues } from '@/lib/issuing/issue-form'
import { readPhotoUpload } from '@/lib/issuing/photo'
import { IssueFormSchema } from '@/lib/issuing/schemas'
import { issueAsStaff, previewCredential, validateIssueClaims } from '@/lib/issuing/staff'
import type { FieldErrors } from '@/lib/onboarding/form-errors'
import { getRuntime } from '@/lib/runtime'
import type { CredentialCardDto } from '@/lib/wallet/cards'
import { z } from 'zod'

export type IssueState =
  | { status: 'edit'; fieldErrors: FieldErrors; values: FormValues; at: number }
  | { status: 'preview'; card: CredentialCardDto; values: FormValues; at: number }
  | undefined

const merge = (a: FieldErrors, b: FieldErrors): FieldErrors => {
  const out = { ...a }
  for (const [k, v] of Object.entries(b)) out[k] = [...new Set([...(out[k] ?? []), ...v])]
  return out
}

/**
 * The issuing form: `intent=preview` checks everything and returns the card as it will be seen
 * (nothing signed); `intent=issue` checks everything again, signs, stores, and goes to the list.
 * Every error comes back at once, field by field, with the input kept.
 */
export async function issueAction(_: IssueState, form: FormData): Promise<IssueState> {
  const user = await requireRole('counsellor', 'tutor')
  const values = formValues(form)
  const edit = (fieldErrors: FieldErrors): IssueState => ({ status: 'edit', fieldErrors, values, at: Date.now() })
  const base = IssueFormSchema.safeParse(values)
  let errors: FieldErrors = base.success ? {} : (z.flattenError(base.error).fieldErrors as FieldErrors)

  const photo = await readPhotoUpload(form.get('evidencePhoto'))
  if (photo && !photo.ok) errors = merge(errors, { evidencePhoto: [photo.error] })

  const templateId = typeof values.templateId === 'string' && isTemplateId(values.templateId) ? values.templateId : undefined
  const cookieLocale = (await cookies()).get(LOCALE_COOKIE)?.value
  const claims = templateId ? formToClaims(templateId, values, isLocale(cookieLocale) ? cookieLocale : 'fr') : undefined
  if (templateId && claims) errors = merge(errors, claimErrorsToFields(validateIssueClaims(templateId, claims)))
  if (!base.success || Object.keys(errors).length || !templateId) return edit(errors)

  const rt = await getRuntime()
  const input = { templateId, holderId: base.data.holderId, claims, format: base.data.format }
  try {
    if (base.data.intent === 'preview') {
      const card = await previewCredential(rt, user, { ...input, hasPhoto: Boolean(photo?.ok) })
      return { status: 'preview', card, values, at: Date.now() }
    }
    const issued = await issueAsStaff(rt, user, { ...input, photo: photo?.ok ? photo.photo.bytes : undefined })
    redirect(`/issuer/issued?issued=${encodeURIComponent(issued.id)}`)
  } catch (e) {
    if (e instanceof ValidationError) return edit(claimErrorsToFields(e.fieldErrors))
    // Another organisation's young person, or an unknown id: the same answer, on the select.
    if (e instanceof AppError && e.code === 'NOT_FOUND') return edit({ holderId: ['unknownYoungPerson'] })
    // The organisation is waiting for approval or suspended (the page hides the form; this is the service's refusal).
    if (e instanceof AppError && e.code === 'FORBIDDEN') return edit({ _form: ['organisationNotApproved'] })
    throw e
  }
}
