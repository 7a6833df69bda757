import Link from 'next/link'
import type { Metadata } from 'next'
import { getFormatter, getLocale, getTranslations } from 'next-intl/server'
import { BlindProfile } from '@/app/(recruiter)/directory/_components/blind-profile'
import { requireRole } from '@/lib/auth/guards'
import { getMyDirectory } from '@/lib/directory/service'
import { getRuntime } from '@/lib/runtime'
import styles from '../profile.module.css'
import own from './directory.module.css'
import { ConsentForm } from './consent-form'
import { PageHeader } from '@/app/_components/page-header'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('directory.optIn'))('metaTitle'), robots: { index: false } }
}

export default async function ProfileDirectoryPage() {
  const user = await requireRole('youth')
  const locale = await getLocale()
  const [mine, t, format] = await Promise.all([getMyDirectory(await getRuntime(), user, locale), getTranslations('directory.optIn'), getFormatter()])
  const when = (at: string) => format.dateTime(new Date(at), { dateStyle: 'long', timeStyle: 'short' })
  return (
    <main id="content" className="page page--narrow">
      <Link className={styles.back} href="/profile">← {t('back')}</Link>
      <PageHeader title={t('title')} intro={t('intro')} />

      <section className={`card ${own.status}`} aria-labelledby="status-title">
        <h2 id="status-title" className="visually-hidden">{t('title')}</h2>
        <p><strong>{mine.optedIn && mine.handle && mine.optedInAt ? t('statusOn', { handle: mine.handle, date: when(mine.optedInAt) }) : t('statusOff')}</strong></p>
        <ConsentForm optedIn={mine.optedIn} />
      </section>

      <section className={`${styles.section} ${own.explain}`} aria-labelledby="see-title">
        <h2 id="see-title">{t('seeTitle')}</h2>
        <ul className={own.points}>
          <li>{t('see.handle')}</li>
          <li>{t('see.skills')}</li>
          <li>{t('see.profile')}</li>
        </ul>
        <h2>{t('notSeeTitle')}</h2>
        <ul className={own.points}>
          <li>{t('notSee.identity')}</li>
          <li>{t('notSee.words')}</li>
          <li>{t('notSee.hidden')}</li>
        </ul>
        <p>{t('contact')}</p>
      </section>

      <section className={styles.section} aria-labelledby="preview-title">
        <h2 id="preview-title">{t('previewTitle')}</h2>
        {!mine.optedIn && <p className={styles.meta}>{t('previewOff')}</p>}
        <BlindProfile profile={mine.preview} variant="full" headingLevel={3} />
      </section>

      <section className={styles.section} aria-labelledby="history-title">
        <h2 id="history-title">{t('historyTitle')}</h2>
        {mine.history.length === 0 ? <p className={styles.meta}>{t('historyEmpty')}</p> : (
          <ul className={own.history}>
            {mine.history.map((e, i) => (
              <li key={i}><time dateTime={e.at}>{when(e.at)}</time> — {t(`history.${e.kind}`)}</li>
            ))}
          </ul>
        )}
      </section>
    </main>
  )
}
