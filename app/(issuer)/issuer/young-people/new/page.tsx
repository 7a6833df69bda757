import type { Metadata } from 'next'
import { getTranslations } from 'next-intl/server'
import { requireRole } from '@/lib/auth/guards'
import { NewYoungPerson } from './new-young-person-form'
import { PageHeader } from '@/app/_components/page-header'

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('onboarding.youngPeople.new')
  return { title: t('title') }
}

export default async function NewYoungPersonPage() {
  await requireRole('counsellor', 'tutor')
  const t = await getTranslations('onboarding.youngPeople.new')
  return (
    <main id="content" className="page page--narrow">
      <PageHeader title={t('title')} intro={t('intro')} />
      <NewYoungPerson />
    </main>
  )
}
