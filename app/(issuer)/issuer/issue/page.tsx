import type { Metadata } from 'next'
import { getTranslations } from 'next-intl/server'
import { requireRole } from '@/lib/auth/guards'
import { listIssueRecipients } from '@/lib/issuing/staff'
import { getRuntime } from '@/lib/runtime'
import { IssueForm } from './issue-form'

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('issuer.issue')
  return { title: t('title') }
}

export default async function IssuePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireRole('counsellor', 'tutor')
  const [t, recipients, sp] = await Promise.all([getTranslations('issuer.issue'), listIssueRecipients(await getRuntime(), user), searchParams])
  const holder = typeof sp.holder === 'string' && recipients.some((r) => r.id === sp.holder) ? sp.holder : undefined
  return (
    <main id="content" className="page page--narrow">
      <header className="page-header">
        <div>
          <p className="iss-eyebrow">{user.organisationName}</p>
          <h1>{t('title')}</h1>
          <p>{t('intro')}</p>
        </div>
      </header>
      <IssueForm recipients={recipients} defaultHolder={holder} />
    </main>
  )
}
