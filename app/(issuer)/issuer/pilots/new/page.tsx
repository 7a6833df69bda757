import type { Metadata } from 'next'
import { getTranslations } from 'next-intl/server'
import { requireRole } from '@/lib/auth/guards'
import { staffOrganisationStanding } from '@/lib/orgs/standing'
import { getRuntime } from '@/lib/runtime'
import { RegistryBanner } from '../../registry-banner'
import { PilotForm } from '../pilot-form'
import { PageHeader } from '@/app/_components/page-header'

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('pilots.form')
  return { title: t('newTitle') }
}

export default async function NewPilotPage() {
  const user = await requireRole('counsellor')
  const [t, standing] = await Promise.all([getTranslations('pilots.form'), staffOrganisationStanding(await getRuntime(), user)])
  return (
    <main id="content" className="page page--narrow">
      <PageHeader eyebrow={user.organisationName} title={t('newTitle')} />
      {standing.mayIssue ? <PilotForm /> : <RegistryBanner standing={standing} />}
    </main>
  )
}
