'use server'
import { redirect } from 'next/navigation'
import { revalidatePath } from 'next/cache'
import { requireRole } from '@/lib/auth/guards'
import { AppError, ValidationError } from '@/lib/errors'
import { zodFieldErrors, type FieldErrors } from '@/lib/onboarding/form-errors'
import { approveAs, reinstateAs, suspendAs } from '@/lib/orgs/admin'
import { OrganisationFormSchema, SuspendFormSchema } from '@/lib/orgs/schemas'
import { LoadRegistryFormSchema, MAX_REGISTRY_BYTES, RemoveRegistryFormSchema } from '@/lib/registry/schemas'
import { loadRegistry, removeRegistry } from '@/lib/registry/service'
import { getRuntime } from '@/lib/runtime'

// The admin's registry of trusted issuers (docs/decisions/009). Each action checks the admin role
// here AND in the service; on success it goes back to /admin with what was done in the address,
// which the page announces.

export type DecisionState = { ok: false; fieldErrors: FieldErrors; reason: string; at: number } | undefined

const text = (form: FormData, name: string) => (typeof form.get(name) === 'string' ? (form.get(name) as string) : '')
const done = (what: string, subject: string) => redirect(`/admin?${what}=${encodeURIComponent(subject)}`)

function failure(e: unknown, reason = ''): DecisionState {
  if (e instanceof ValidationError) return { ok: false, fieldErrors: { reason: ['reasonTooShort'] }, reason, at: Date.now() }
  if (e instanceof AppError && e.code === 'NOT_FOUND') return { ok: false, fieldErrors: { _form: ['notFound'] }, reason, at: Date.now() }
  if (e instanceof AppError && e.code === 'CONFLICT') return { ok: false, fieldErrors: { _form: ['conflict'] }, reason, at: Date.now() }
  throw e
}

/** Approves a pending organisation: it joins the registry and may issue. */
export async function approveOrganisationAction(_: DecisionState, form: FormData): Promise<DecisionState> {
  const user = await requireRole('admin')
  const input = OrganisationFormSchema.safeParse({ slug: text(form, 'slug') })
  if (!input.success) return { ok: false, fieldErrors: { _form: ['notFound'] }, reason: '', at: Date.now() }
  try {
    await approveAs(await getRuntime(), user, input.data.slug)
  } catch (e) {
    return failure(e)
  }
  revalidatePath('/admin')
  return done('approved', input.data.slug)
}

/** Suspends an approved organisation, with a required reason. */
export async function suspendOrganisationAction(_: DecisionState, form: FormData): Promise<DecisionState> {
  const user = await requireRole('admin')
  const reason = text(form, 'reason').slice(0, 1000)
  const input = SuspendFormSchema.safeParse({ slug: text(form, 'slug'), reason })
  if (!input.success) return { ok: false, fieldErrors: zodFieldErrors(input.error), reason, at: Date.now() }
  try {
    await suspendAs(await getRuntime(), user, input.data.slug, input.data.reason)
  } catch (e) {
    return failure(e, reason)
  }
  revalidatePath('/admin')
  return done('suspended', input.data.slug)
}

/** Reinstates a suspended organisation. */
export async function reinstateOrganisationAction(_: DecisionState, form: FormData): Promise<DecisionState> {
  const user = await requireRole('admin')
  const input = OrganisationFormSchema.safeParse({ slug: text(form, 'slug') })
  if (!input.success) return { ok: false, fieldErrors: { _form: ['notFound'] }, reason: '', at: Date.now() }
  try {
    await reinstateAs(await getRuntime(), user, input.data.slug)
  } catch (e) {
    return failure(e)
  }
  revalidatePath('/admin')
  return done('reinstated', input.data.slug)
}

export type RegistryUploadState = { ok: false; errors: { path: string; message: string }[]; name: string; at: number } | undefined

/** Loads (or replaces) an external registry from an uploaded DCC issuer-registry file. */
export async function loadRegistryAction(_: RegistryUploadState, form: FormData): Promise<RegistryUploadState> {
  const user = await requireRole('admin')
  const name = text(form, 'name').slice(0, 200)
  const fail = (errors: { path: string; message: string }[]): RegistryUploadState => ({ ok: false, errors, name, at: Date.now() })
  const fields = LoadRegistryFormSchema.safeParse({ name })
  if (!fields.success) return fail([{ path: '/name', message: fields.error.issues[0]?.message ?? 'invalid' }])
  const file = form.get('file')
  if (!(file instanceof File) || file.size === 0) return fail([{ path: '/file', message: 'fileMissing' }])
  if (file.size > MAX_REGISTRY_BYTES) return fail([{ path: '', message: `tooLarge:${MAX_REGISTRY_BYTES / 1024 / 1024}` }])
  const registryName = fields.data.name ?? file.name.replace(/\.[^.]*$/, '').slice(0, 100)
  let loaded
  try {
    loaded = await loadRegistry(await getRuntime(), user, { name: registryName, text: await file.text() })
  } catch (e) {
    if (e instanceof ValidationError) return fail(e.fieldErrors)
    throw e
  }
  revalidatePath('/admin')
  return done(loaded.replaced ? 'replaced' : 'loaded', loaded.name)
}

export type RemoveRegistryState = { ok: false; error: 'notFound'; at: number } | undefined

/** Removes an external registry and its entries. */
export async function removeRegistryAction(_: RemoveRegistryState, form: FormData): Promise<RemoveRegistryState> {
  const user = await requireRole('admin')
  const input = RemoveRegistryFormSchema.safeParse({ name: text(form, 'name') })
  if (!input.success) return { ok: false, error: 'notFound', at: Date.now() }
  try {
    await removeRegistry(await getRuntime(), user, input.data.name)
  } catch (e) {
    if (e instanceof AppError && e.code === 'NOT_FOUND') return { ok: false, error: 'notFound', at: Date.now() }
    throw e
  }
  revalidatePath('/admin')
  return done('removed', input.data.name)
}
