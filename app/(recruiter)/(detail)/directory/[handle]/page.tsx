import Link from 'next/link'
import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { getLocale, getTranslations } from 'next-intl/server'
import { requireRole } from '@/lib/auth/guards'
import { HandleSchema, parseSearch, searchQuery } from '@/lib/directory/schemas'
import { getBlindProfile, recruiterAccess } from '@/lib/directory/service'
import { AppError } from '@/lib/errors'
import { getRuntime } from '@/lib/runtime'
import { decodePathSegment } from '@/lib/security/local-path'
import { AccessDenied } from '@/app/(recruiter)/directory/_components/access-denied'
import { BlindProfile } from '@/app/(recruiter)/directory/_components/blind-profile'
import styles from '@/app/(recruiter)/directory/directory.module.css'
import { ContactForm } from '@/app/(recruiter)/directory/[handle]/contact-form'

export async function generateMetadata({ params }: { params: Promise<{ handle: string }> }): Promise<Metadata> {
  const t = await getTranslations('directory')
  const handle = HandleSchema.safeParse(decodePathSegment((await params).handle))
  return { title: handle.success ? t('card.handle', { handle: handle.data }) : t('metaTitle'), robots: { index: false } }
}

export default async function BlindProfilePage({ params, searchParams }: {
  params: Promise<{ handle: string }>
  searchParams: Promise<Record<string, string | string[] | undefined>>
}) {
  const user = await requireRole('recruiter')
  const rt = await getRuntime()
  const access = await recruiterAccess(rt, user)
  if (!access.ok) return <AccessDenied reason={access.reason} />
  // A malformed segment (`%ZZ` once Next has decoded `%25ZZ`) is simply not a handle: 404.
  const handle = HandleSchema.safeParse(decodePathSegment((await params).handle))
  if (!handle.success) notFound()
  const [search, locale, t] = await Promise.all([searchParams.then(parseSearch), getLocale(), getTranslations('directory')])
  const page = await getBlindProfile(rt, user, handle.data, locale).catch((e) => {
    if (e instanceof AppError && e.code === 'NOT_FOUND') notFound()
    throw e
  })
  // The search's skill comes along, so that the card shows it first.
  const profile = search.skill
    ? { ...page.profile, skills: [...page.profile.skills].map((s) => ({ ...s, matches: s.uri === search.skill })).sort((a, b) => Number(b.matches) - Number(a.matches)) }
    : page.profile
  return (
    <main id="content" className="page page--narrow">
      <Link className={styles.back} href={`/directory${searchQuery(search)}`}>← {t('profile.back')}</Link>
      <BlindProfile profile={profile} variant="full" headingLevel={1} />
      <p className={styles.note}>{t('profile.intro')}</p>
      <section className={`card ${styles.request}`} aria-labelledby="request-title">
        <h2 id="request-title">{t('profile.requestTitle')}</h2>
        <ContactForm handle={handle.data} organisation={page.organisation.name} existing={page.request} />
      </section>
    </main>
  )
}
