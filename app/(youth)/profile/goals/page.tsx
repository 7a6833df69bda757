import Link from 'next/link'
import type { Metadata } from 'next'
import { getLocale, getTranslations } from 'next-intl/server'
import { requireRole } from '@/lib/auth/guards'
import { GOAL_MAX, MAX_GOALS, MAX_LANGUAGES, REGION_MAX } from '@/lib/profile/schemas'
import { getGoals } from '@/lib/profile/service'
import { getRuntime } from '@/lib/runtime'
import { GoalsForm } from '../_components/goals-form'
import styles from '../profile.module.css'
import { PageHeader } from '@/app/_components/page-header'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('profile'))('goalsForm.title'), robots: { index: false } }
}

export default async function GoalsPage() {
  const user = await requireRole('youth')
  const locale = await getLocale()
  const [goals, t] = await Promise.all([getGoals(await getRuntime(), user, locale), getTranslations('profile')])
  return (
    <main id="content" className="page page--narrow">
      <Link className={styles.back} href="/profile">← {t('goalsForm.back')}</Link>
      <PageHeader title={t('goalsForm.title')} intro={t('goalsForm.intro')} />
      <GoalsForm
        initial={{ goals: goals.goals, region: goals.region, availability: goals.availability ?? '', languages: goals.languages }}
        limits={{ goals: MAX_GOALS, goal: GOAL_MAX, region: REGION_MAX, languages: MAX_LANGUAGES }}
      />
    </main>
  )
}
