import { z } from 'zod'
import { ValidationError } from '@/lib/errors'

/** Form field → message keys, as actions return them (translated by the form). */
export type FieldErrors = Record<string, string[]>

export function zodFieldErrors(error: z.ZodError): FieldErrors {
  return z.flattenError(error).fieldErrors as FieldErrors
}

/** A service's ValidationError (paths `/field`) as form field errors. */
export function validationFieldErrors(error: ValidationError): FieldErrors {
  const out: FieldErrors = {}
  for (const e of error.fieldErrors) (out[e.path.replace(/^\//, '') || '_form'] ??= []).push(e.message)
  return out
}

/** The submitted text fields to give back to the form (never passwords or tokens). */
export function keepValues(form: FormData, names: string[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (const name of names) {
    const v = form.get(name)
    if (typeof v === 'string') out[name] = v.slice(0, 500)
  }
  return out
}
