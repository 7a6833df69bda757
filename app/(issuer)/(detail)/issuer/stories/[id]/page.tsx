import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { getFormatter, getTranslations } from 'next-intl/server'
import { StoryTexts } from '@/app/(youth)/stories/_components/story-texts'
import { requireRole } from '@/lib/auth/guards'
import { AppError } from '@/lib/errors'
import { withElision } from '@/lib/i18n/elision'
import { getRuntime } from '@/lib/runtime'
import { getStoryForAttesterOrThrow } from '@/lib/stories/service'
import { DeclineForm, IssueForm, ProposeForm } from '@/app/(issuer)/issuer/stories/attester-forms'
import styles from '@/app/(issuer)/issuer/stories/stories.module.css'
import { PageHeader } from '@/app/_components/page-header'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('stories'))('attester.title') }
}

export default async function StoryRequestPage({ params }: { params: Promise<{ id: string }> }) {
  const [user, { id }] = await Promise.all([requireRole('counsellor', 'tutor'), params])
  const story = await getStoryForAttesterOrThrow(await getRuntime(), user, id).catch((e) => {
    if (e instanceof AppError && e.code === 'NOT_FOUND') notFound()
    throw e
  })
  const [t, format] = await Promise.all([getTranslations('stories'), getFormatter()])
  return (
    <main id="content" className="page page--narrow">
      <Link className={styles.back} href="/issuer/stories">← {t('attester.back')}</Link>
      <PageHeader
        eyebrow={t('attester.from', withElision(story.youthName))}
        title={story.skillLabel}
        intro={story.requestedAt ? t('attester.requestedOn', { date: format.dateTime(new Date(story.requestedAt), { dateStyle: 'long' }) }) : undefined}
      />
      <section className="card" aria-label={t('attester.from', withElision(story.youthName))}>
        <StoryTexts story={story} headingLevel={2} />
        {story.experience && <p className={styles.muted}>{t('detail.experience', { title: story.experience.title })}</p>}
      </section>

      {story.status === 'changes_proposed' && <p className={`alert ${styles.section}`} role="status">{t('attester.waitingProposal', { name: story.youthName })}</p>}
      {story.status === 'requested' && (
        <div className={styles.actions}>
          <details className="disclosure card">
            <summary>{t('attester.propose.title')}</summary>
            <p>{t('attester.propose.text')}</p>
            <ProposeForm storyId={story.id} story={story} />
          </details>
          <details className="disclosure card">
            <summary>{t('attester.decline.title')}</summary>
            <DeclineForm storyId={story.id} />
          </details>
          <section className="card" aria-labelledby="issue-title">
            <h2 id="issue-title" className={styles.sectionTitle}>{t('attester.issue.title')}</h2>
            <p>{t('attester.issue.text', { organisation: user.organisationName ?? '' })}</p>
            <IssueForm storyId={story.id} />
          </section>
        </div>
      )}
    </main>
  )
}
