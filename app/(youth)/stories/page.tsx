import Link from 'next/link'
import type { Metadata } from 'next'
import { getFormatter, getTranslations } from 'next-intl/server'
import { requireRole } from '@/lib/auth/guards'
import { getRuntime } from '@/lib/runtime'
import { listMyStories } from '@/lib/stories/service'
import { credentialSegment } from '@/lib/wallet/paths'
import { StatusPill } from './_components/status-pill'
import styles from './stories.module.css'
import { PageHeader } from '@/app/_components/page-header'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('stories'))('title'), robots: { index: false } }
}

export default async function StoriesPage() {
  const user = await requireRole('youth')
  const [stories, t, format] = await Promise.all([listMyStories(await getRuntime(), user), getTranslations('stories'), getFormatter()])
  return (
    <main id="content" className="page page--narrow">
      <PageHeader title={t('title')} intro={t('intro')}>
        <div className="actions">
          <Link className="button button--primary" href="/stories/new">{t('new')}</Link>
        </div>
      </PageHeader>
      {stories.length === 0 ? (
        <div className="empty-state">
          <h2>{t('empty.title')}</h2>
          <p>{t('empty.text')}</p>
        </div>
      ) : (
        <ul className={styles.list} aria-label={t('listLabel')}>
          {stories.map((s) => (
            <li key={s.id} className={`card ${styles.item}`}>
              <h2 className={styles.itemTitle}>
                <Link href={`/stories/${s.id}`}>{s.skillLabel}</Link>
              </h2>
              <StatusPill story={s} />
              {s.status === 'declined' && s.declineMessage && <blockquote className={styles.quote}>{s.declineMessage}</blockquote>}
              {s.credentialId && (
                <Link href={`/wallet/${credentialSegment(s.credentialId)}`}>
                  {t('viewCredential')}<span className="visually-hidden"> : {s.skillLabel}</span>
                </Link>
              )}
              <p className={styles.muted}>{t('updated', { date: format.dateTime(new Date(s.updatedAt), { dateStyle: 'medium' }) })}</p>
            </li>
          ))}
        </ul>
      )}
    </main>
  )
}
