import Link from 'next/link'
import type { Metadata } from 'next'
import { notFound, redirect } from 'next/navigation'
import { getTranslations } from 'next-intl/server'
import { requireRole } from '@/lib/auth/guards'
import { AppError } from '@/lib/errors'
import { getRuntime } from '@/lib/runtime'
import { SKILL_MAX, TEXT_MAX } from '@/lib/stories/schemas'
import { getMyStoryOrThrow, listExperienceChoices } from '@/lib/stories/service'
import { StoryForm } from '@/app/(youth)/stories/_components/story-form'
import styles from '@/app/(youth)/stories/stories.module.css'
import { PageHeader } from '@/app/_components/page-header'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('stories'))('form.editTitle'), robots: { index: false } }
}

export default async function EditStoryPage({ params }: { params: Promise<{ id: string }> }) {
  const [user, { id }] = await Promise.all([requireRole('youth'), params])
  const rt = await getRuntime()
  const story = await getMyStoryOrThrow(rt, user, id).catch((e) => {
    if (e instanceof AppError && e.code === 'NOT_FOUND') notFound()
    throw e
  })
  // A story being read by an attester, or already a credential, is not edited.
  if (story.status !== 'draft' && story.status !== 'declined') redirect(`/stories/${id}`)
  const [experiences, t] = await Promise.all([listExperienceChoices(rt, user), getTranslations('stories')])
  return (
    <main id="content" className="page page--narrow">
      <Link className={styles.back} href={`/stories/${id}`}>← {story.skillLabel}</Link>
      <PageHeader title={t('form.editTitle')} intro={t('form.intro')} />
      <StoryForm experiences={experiences} limits={{ skill: SKILL_MAX, text: TEXT_MAX }} initial={{
        storyId: story.id, skillLabel: story.skillLabel, skillUri: story.skillUri ?? '', situation: story.situation,
        whatIDid: story.whatIDid, outcome: story.outcome, experienceId: story.experience?.id ?? '',
      }} />
    </main>
  )
}
