import Link from 'next/link'
import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { getFormatter, getTranslations } from 'next-intl/server'
import { requireRole } from '@/lib/auth/guards'
import { openThread } from '@/lib/contacts/service'
import { AppError } from '@/lib/errors'
import { getRuntime } from '@/lib/runtime'
import { decodePathSegment } from '@/lib/security/local-path'
import { MessageForm } from '../_components/message-form'
import { SafetyControls } from '../_components/safety-controls'
import styles from '../contacts.module.css'
import { PageHeader } from '@/app/_components/page-header'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('contacts'))('thread.title') }
}

type Params = Promise<{ id: string }>

/** One conversation of an accepted contact, oldest message first; only its two parties get here. */
export default async function ThreadPage({ params }: { params: Params }) {
  const user = await requireRole('youth', 'recruiter')
  const { id } = await params
  const contactId = decodePathSegment(id)
  if (contactId === undefined) notFound()
  let thread
  try {
    thread = await openThread(await getRuntime(), user, contactId.slice(0, 200))
  } catch (e) {
    if (e instanceof AppError && (e.code === 'NOT_FOUND' || e.code === 'FORBIDDEN')) notFound()
    throw e
  }
  const [t, format] = await Promise.all([getTranslations('contacts'), getFormatter()])
  const when = (iso: string) => format.dateTime(new Date(iso), { dateStyle: 'medium', timeStyle: 'short' })
  const other = thread.viewer === 'youth' ? t('thread.withRecruiter', { name: thread.otherName, organisation: thread.organisationName }) : thread.otherName
  return (
    <main id="content" className="page page--narrow">
      <p><Link href="/contacts">{t('thread.back')}</Link></p>
      <PageHeader title={t('thread.heading', { name: other })} intro={thread.acceptedAt ? t('thread.acceptedOn', { date: when(thread.acceptedAt) }) : undefined} />

      <section aria-labelledby="request-title" className={`card ${styles.request}`}>
        <h2 id="request-title" className={styles.small}>{t('thread.request', { date: when(thread.requestedAt) })}</h2>
        <blockquote className={styles.message}>{thread.requestMessage}</blockquote>
      </section>

      <section aria-labelledby="messages-title" className={styles.group}>
        <h2 id="messages-title">{t('thread.messages', { count: thread.messages.length })}</h2>
        {thread.messages.length === 0 ? <p className={styles.hint}>{t('thread.noMessages')}</p> : (
          <ol className={styles.messages}>
            {thread.messages.map((m) => (
              <li key={m.id} className={m.mine ? styles.mine : styles.theirs}>
                <p className={styles.sender}>
                  {m.mine ? t('thread.you') : thread.otherName}
                  <span aria-hidden="true"> · </span>
                  <time dateTime={m.createdAt}>{when(m.createdAt)}</time>
                </p>
                <p className={styles.body}>{m.body}</p>
                {m.mine && <p className={styles.read}>{m.readAt ? t('thread.read') : t('thread.unread')}</p>}
              </li>
            ))}
          </ol>
        )}
      </section>

      {thread.open ? (
        <section aria-labelledby="write-title" className={`card ${styles.write}`}>
          <h2 id="write-title" className="visually-hidden">{t('thread.writeTitle')}</h2>
          <MessageForm contactId={thread.id} />
        </section>
      ) : <p className={`alert alert--warning ${styles.write}`}>{t(`thread.closed.${thread.viewer}`)}</p>}

      {thread.viewer === 'youth' && <SafetyControls contactId={thread.id} organisationName={thread.organisationName} blocked={!thread.open} />}
    </main>
  )
}
