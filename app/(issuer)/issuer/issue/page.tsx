import type { Metadata } from 'next'
import Link from 'next/link'
import { getTranslations } from 'next-intl/server'
import { requireRole } from '@/lib/auth/guards'
import { listIssueRecipients } from '@/lib/issuing/staff'
import { staffOrganisationStanding } from '@/lib/orgs/standing'
import { getRuntime } from '@/lib/runtime'
import { RegistryBanner } from '../registry-banner'
import { IssueForm } from './issue-form'
import { PageHeader } from '@/app/_components/page-header'

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('issuer.issue')
  return { title: t('title') }
}

export default async function IssuePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireRole('counsellor', 'tutor')
  const rt = await getRuntime()
  const [t, recipients, sp, standing] = await Promise.all([getTranslations('issuer.issue'), listIssueRecipients(rt, user), searchParams, staffOrganisationStanding(rt, user)])
  const holder = typeof sp.holder === 'string' && recipients.some((r) => r.id === sp.holder) ? sp.holder : undefined
  return (
    <main id="content" className="page page--narrow">
      <PageHeader eyebrow={user.organisationName} title={t('title')} intro={t('intro')} />
      {standing.mayIssue ? <IssueForm recipients={recipients} defaultHolder={holder} /> : (
        <>
          <RegistryBanner standing={standing} />
          <p><Link href="/issuer">{t('backHome')}</Link></p>
        </>
      )}
    </main>
  )
}
