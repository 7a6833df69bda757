import Link from 'next/link'
import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { getFormatter, getTranslations } from 'next-intl/server'
import { requireRole } from '@/lib/auth/guards'
import type { SessionUser } from '@/lib/auth/sessions'
import { AppError } from '@/lib/errors'
import { getRuntime } from '@/lib/runtime'
import { getMyStoryOrThrow, listAttesterChoices, type StoryDto } from '@/lib/stories/service'
import { credentialSegment } from '@/lib/wallet/paths'
import { StatusPill } from '@/app/(youth)/stories/_components/status-pill'
import { AskForm, DeleteStory, ProposalAnswer, SelfDeclareForm } from '@/app/(youth)/stories/_components/story-actions'
import { StoryTexts } from '@/app/(youth)/stories/_components/story-texts'
import styles from '@/app/(youth)/stories/stories.module.css'

type Props = { params: Promise<{ id: string }> }

async function storyOr404(user: SessionUser, id: string): Promise<StoryDto> {
  try {
    return await getMyStoryOrThrow(await getRuntime(), user, id)
  } catch (e) {
    if (e instanceof AppError && e.code === 'NOT_FOUND') notFound()
    throw e
  }
}

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('stories'))('title'), robots: { index: false } }
}

export default async function StoryPage({ params }: Props) {
  const [user, { id }] = await Promise.all([requireRole('youth'), params])
  const story = await storyOr404(user, id)
  const editable = story.status === 'draft' || story.status === 'declined'
  const [t, format, attesters] = await Promise.all([
    getTranslations('stories'), getFormatter(), editable ? listAttesterChoices(await getRuntime(), user) : Promise.resolve([]),
  ])
  const date = (iso: string | null) => (iso ? format.dateTime(new Date(iso), { dateStyle: 'long' }) : '')
  const who = { name: story.attester?.name ?? '', organisation: story.attester?.organisationName ?? '' }

  return (
    <main id="content" className="page page--narrow">
      <Link className={styles.back} href="/stories">← {t('back')}</Link>
      <header className={styles.header}>
        <h1>{story.skillLabel}</h1>
        <p className={styles.meta}>
          <StatusPill story={story} />
          <span>{story.skillUri ? t('detail.skillFromList') : t('detail.ownWords')}</span>
          {story.experience && <span>{t('detail.experience', { title: story.experience.title })}</span>}
        </p>
      </header>

      {story.status === 'requested' && <p className="alert" role="status">{t('detail.waiting', { ...who, date: date(story.requestedAt) })}</p>}
      {story.status === 'declined' && (
        <section className="alert alert--warning" aria-labelledby="declined-title">
          <h2 id="declined-title" className={styles.sectionTitle}>{t('declined.title', who)}</h2>
          <p>{t('declined.message')}</p>
          <blockquote className={styles.quote}>{story.declineMessage}</blockquote>
          <p>{t('declined.next')}</p>
        </section>
      )}
      {(story.status === 'attested' || story.status === 'self_declared') && story.credentialId && (
        <section className="alert alert--success" aria-label={t(`status.${story.status}`, who)}>
          <p>{story.status === 'attested' ? t('detail.attested', { ...who, date: date(story.decidedAt) }) : t('detail.selfDeclared', { date: date(story.decidedAt) })}</p>
          {story.evidenceLevel && <p><strong>{t('detail.evidence', { level: t(`evidence.${story.evidenceLevel as 'witnessed'}`) })}</strong></p>}
          <p><Link className="button button--primary" href={`/wallet/${credentialSegment(story.credentialId)}`}>{t('viewCredential')}</Link></p>
        </section>
      )}

      {story.status === 'changes_proposed' && story.proposal ? (
        <section aria-labelledby="proposal-title" className={styles.section}>
          <h2 id="proposal-title" className={styles.sectionTitle}>{t('proposal.title', who)}</h2>
          <p>{t('proposal.note')}</p>
          <blockquote className={styles.quote}>{story.proposal.note}</blockquote>
          <div className={styles.compare}>
            <div>
              <h3 className={styles.compareTitle}>{t('proposal.yours')}</h3>
              <StoryTexts story={story} headingLevel={4} showSkill />
            </div>
            <div className={styles.theirs}>
              <h3 className={styles.compareTitle}>{t('proposal.theirs')}</h3>
              <StoryTexts story={story.proposal} headingLevel={4} showSkill changedFrom={story} />
            </div>
          </div>
          <p className={styles.muted}>{t('proposal.explain', who)}</p>
          <ProposalAnswer storyId={story.id} />
        </section>
      ) : (
        <section className={`card ${styles.section}`} aria-label={story.skillLabel}>
          <StoryTexts story={story} headingLevel={2} />
          {editable && (
            <div className="actions">
              <Link className="button button--small button--secondary" href={`/stories/${story.id}/edit`}>{t('detail.edit')}</Link>
              <DeleteStory storyId={story.id} />
            </div>
          )}
        </section>
      )}

      {editable && (
        <>
          <section className={`card ${styles.section}`} aria-labelledby="ask-title">
            <h2 id="ask-title" className={styles.sectionTitle}>{t('ask.title')}</h2>
            <p>{t('ask.text')}</p>
            <AskForm storyId={story.id} attesters={attesters} />
          </section>
          <section className={`card ${styles.section}`} aria-labelledby="self-title">
            <h2 id="self-title" className={styles.sectionTitle}>{t('self.title')}</h2>
            <p>{t('self.text')}</p>
            <SelfDeclareForm storyId={story.id} />
          </section>
        </>
      )}
    </main>
  )
}
