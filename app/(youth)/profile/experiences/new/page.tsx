import Link from 'next/link'
import type { Metadata } from 'next'
import { getTranslations } from 'next-intl/server'
import { requireRole } from '@/lib/auth/guards'
import { monthOf, PLACE_MAX, TEXT_MAX, TITLE_MAX } from '@/lib/profile/schemas'
import { getRuntime } from '@/lib/runtime'
import { listWalletCards } from '@/lib/wallet/service'
import { ExperienceForm } from '../../_components/experience-form'
import styles from '../../profile.module.css'
import { PageHeader } from '@/app/_components/page-header'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('profile'))('experienceForm.newTitle'), robots: { index: false } }
}

export default async function NewExperiencePage() {
  const user = await requireRole('youth')
  const [{ visible, hidden }, t] = await Promise.all([listWalletCards(await getRuntime(), user), getTranslations('profile')])
  return (
    <main id="content" className="page page--narrow">
      <Link className={styles.back} href="/profile">← {t('experienceForm.back')}</Link>
      <PageHeader title={t('experienceForm.newTitle')} />
      <ExperienceForm
        credentials={[...visible, ...hidden].map((c) => ({ id: c.id, title: c.title, issuer: c.issuer.name }))}
        limits={{ title: TITLE_MAX, place: PLACE_MAX, text: TEXT_MAX }} currentMonth={monthOf(new Date())}
      />
    </main>
  )
}
