import type { Metadata } from 'next'
import { getTranslations } from 'next-intl/server'
import { requireRole } from '@/lib/auth/guards'
import { NewYoungPerson } from './new-young-person-form'

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('onboarding.youngPeople.new')
  return { title: t('title') }
}

export default async function NewYoungPersonPage() {
  await requireRole('counsellor', 'tutor')
  const t = await getTranslations('onboarding.youngPeople.new')
  return (
    <main id="content" className="page page--narrow">
      <header className="page-header">
        <div>
          <h1>{t('title')}</h1>
          <p>{t('intro')}</p>
        </div>
      </header>
      <NewYoungPerson />
    </main>
  )
}
