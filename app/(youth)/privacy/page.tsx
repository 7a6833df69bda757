import type { Metadata } from 'next'
import { getFormatter, getTranslations } from 'next-intl/server'
import { requireRole } from '@/lib/auth/guards'
import { listConsentHistory, type ConsentEventDto } from '@/lib/privacy/service'
import { getRuntime } from '@/lib/runtime'
import { DeleteAccountForm } from './delete-account-form'
import styles from './privacy.module.css'
import { PageHeader } from '@/app/_components/page-header'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('privacy'))('title') }
}

const EXPORTED = ['account', 'profile', 'credentials', 'shares', 'stories', 'contacts', 'consent'] as const
const ERASED = ['account', 'profile', 'shares', 'imported', 'network', 'key'] as const
const KEPT = ['issued', 'status', 'reports'] as const

/** "My data": what I agreed to and when, download all of it, or delete the account. */
export default async function PrivacyPage() {
  const user = await requireRole('youth')
  const [t, history] = await Promise.all([getTranslations('privacy'), listConsentHistory(await getRuntime(), user)])
  return (
    <main id="content" className="page">
      <PageHeader title={t('title')} intro={t('intro')} />

      <ConsentHistory events={history} />

      <section className={`card ${styles.section}`} aria-labelledby="export-title">
        <h2 id="export-title">{t('export.title')}</h2>
        <p>{t('export.text')}</p>
        <ul className={styles.list}>
          {EXPORTED.map((k) => <li key={k}>{t(`export.contains.${k}`)}</li>)}
        </ul>
        <p>{t('export.noSecrets')}</p>
        {/* A POST (the file's making is logged): a form with a button, answered with an attachment. */}
        <form method="post" action="/privacy/export">
          <button type="submit" className="button button--primary">{t('export.action')}</button>
        </form>
      </section>

      <section className={`card ${styles.section} ${styles.danger}`} aria-labelledby="delete-title">
        <h2 id="delete-title">{t('delete.title')}</h2>
        <p>{t('delete.text')}</p>
        <h3>{t('delete.erasedTitle')}</h3>
        <ul className={styles.list}>
          {ERASED.map((k) => <li key={k}>{t(`delete.erased.${k}`)}</li>)}
        </ul>
        <h3>{t('delete.keptTitle')}</h3>
        <ul className={styles.list}>
          {KEPT.map((k) => <li key={k}>{t(`delete.kept.${k}`)}</li>)}
        </ul>
        <p className="alert alert--warning">{t('delete.exportFirst')}</p>
        <DeleteAccountForm username={user.username} />
      </section>
    </main>
  )
}

/** The consent log in plain words, newest first, each with its date and time. */
async function ConsentHistory({ events }: { events: ConsentEventDto[] }) {
  const [t, format] = await Promise.all([getTranslations('privacy.history'), getFormatter()])
  return (
    <section className={`card ${styles.section}`} aria-labelledby="history-title">
      <h2 id="history-title">{t('title')}</h2>
      <p>{t('intro')}</p>
      {events.length === 0 ? <p>{t('empty')}</p> : (
        <ol className={styles.history}>
          {events.map((e) => (
            <li key={e.id}>
              <time dateTime={e.at} className={styles.when}>{format.dateTime(new Date(e.at), { dateStyle: 'medium', timeStyle: 'short' })}</time>
              <span>{t(`kinds.${e.kind}`, { organisation: e.organisation ?? t('anOrganisation') })}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  )
}
