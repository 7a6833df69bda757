import Link from 'next/link'
import type { Metadata } from 'next'
import { getTranslations } from 'next-intl/server'
import { requireRole } from '@/lib/auth/guards'
import { getRuntime } from '@/lib/runtime'
import { SKILL_MAX, TEXT_MAX } from '@/lib/stories/schemas'
import { listExperienceChoices } from '@/lib/stories/service'
import { StoryForm } from '../_components/story-form'
import styles from '../stories.module.css'
import { PageHeader } from '@/app/_components/page-header'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('stories'))('form.newTitle'), robots: { index: false } }
}

export default async function NewStoryPage() {
  const user = await requireRole('youth')
  const [experiences, t] = await Promise.all([listExperienceChoices(await getRuntime(), user), getTranslations('stories')])
  return (
    <main id="content" className="page page--narrow">
      <Link className={styles.back} href="/stories">← {t('back')}</Link>
      <PageHeader title={t('form.newTitle')} intro={t('form.intro')} />
      <StoryForm experiences={experiences} limits={{ skill: SKILL_MAX, text: TEXT_MAX }} />
    </main>
  )
}
