import Link from 'next/link'
import type { Metadata } from 'next'
import { getFormatter, getTranslations } from 'next-intl/server'
import { requireRole } from '@/lib/auth/guards'
import { listContacts, type RecruiterContactDto, type YouthContactDto } from '@/lib/contacts/service'
import { getRuntime } from '@/lib/runtime'
import { DecisionButtons } from './_components/decision-buttons'
import { SafetyControls } from './_components/safety-controls'
import styles from './contacts.module.css'
import { PageHeader } from '@/app/_components/page-header'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('contacts'))('title') }
}

/**
 * The young person: requests to answer, conversations, past requests. The recruiter: the requests
 * they sent — shown by the directory handle until the young person accepts (blind profiles).
 */
export default async function ContactsPage() {
  const user = await requireRole('youth', 'recruiter')
  const [list, t] = await Promise.all([listContacts(await getRuntime(), user), getTranslations('contacts')])
  return (
    <main id="content" className="page">
      <PageHeader title={t('title')} intro={t(`intro.${list.viewer}`)}>
        {list.unread > 0 && <p className="pill pill--info" role="status">{t('unreadTotal', { count: list.unread })}</p>}
      </PageHeader>
      {list.viewer === 'youth' ? <YouthContacts contacts={list.contacts} /> : <RecruiterContacts contacts={list.contacts} />}
    </main>
  )
}

async function YouthContacts({ contacts }: { contacts: YouthContactDto[] }) {
  const t = await getTranslations('contacts')
  if (contacts.length === 0) return <Empty viewer="youth" />
  const groups = [
    ['pending', contacts.filter((c) => c.status === 'pending')],
    ['accepted', contacts.filter((c) => c.status === 'accepted')],
    ['declined', contacts.filter((c) => c.status === 'declined')],
  ] as const
  return groups.map(([key, group]) => group.length === 0 ? null : (
    <section key={key} aria-labelledby={`group-${key}`} className={styles.group}>
      <h2 id={`group-${key}`}>{t(`youth.groups.${key}`, { count: group.length })}</h2>
      <ul className={styles.list}>{group.map((c) => <li key={c.id}><YouthContact contact={c} /></li>)}</ul>
    </section>
  ))
}

async function YouthContact({ contact: c }: { contact: YouthContactDto }) {
  const [t, format] = await Promise.all([getTranslations('contacts'), getFormatter()])
  return (
    <article className={`card ${styles.contact}`} aria-labelledby={`contact-${c.id}`}>
      <div className={styles.head}>
        <h3 id={`contact-${c.id}`} className={styles.name}>{c.organisationName}</h3>
        <StatusPill status={c.status} closed={c.blocked} />
      </div>
      <p className={styles.meta}>{t('youth.from', { name: c.recruiterName, date: format.dateTime(new Date(c.createdAt), { dateStyle: 'medium' }) })}</p>
      <blockquote className={styles.message}>{c.message}</blockquote>
      {c.status === 'pending' && !c.blocked && <DecisionButtons contactId={c.id} organisationName={c.organisationName} />}
      {c.status === 'accepted' && <ThreadLink id={c.id} unread={c.unread} name={c.organisationName} />}
      <SafetyControls contactId={c.id} organisationName={c.organisationName} blocked={c.blocked} />
    </article>
  )
}

async function RecruiterContacts({ contacts }: { contacts: RecruiterContactDto[] }) {
  const [t, format] = await Promise.all([getTranslations('contacts'), getFormatter()])
  if (contacts.length === 0) return <Empty viewer="recruiter" />
  return (
    <ul className={styles.list}>
      {contacts.map((c) => {
        // Blind until accepted: the handle (or "a profile no longer listed"), never a name.
        const name = c.status === 'accepted' && c.youthName ? c.youthName : c.handle ? t('recruiter.handle', { handle: c.handle }) : t('recruiter.withdrawn')
        return (
          <li key={c.id}>
            <article className={`card ${styles.contact}`} aria-labelledby={`contact-${c.id}`}>
              <div className={styles.head}>
                <h2 id={`contact-${c.id}`} className={styles.name}>{name}</h2>
                <StatusPill status={c.status} closed={c.closed} />
              </div>
              <p className={styles.meta}>{t('recruiter.sent', { date: format.dateTime(new Date(c.createdAt), { dateStyle: 'medium' }) })}</p>
              <blockquote className={styles.message}>{c.message}</blockquote>
              {c.status === 'pending' && <p className={styles.hint}>{t('recruiter.pendingHint')}</p>}
              {c.status === 'accepted' && <ThreadLink id={c.id} unread={c.unread} name={name} />}
            </article>
          </li>
        )
      })}
    </ul>
  )
}

async function ThreadLink({ id, unread, name }: { id: string; unread: number; name: string }) {
  const t = await getTranslations('contacts')
  return (
    <p className={styles.threadLink}>
      <Link className="button button--primary button--small" href={`/contacts/${id}`}>
        {t('openThread')}<span className="visually-hidden"> : {name}</span>
      </Link>
      {unread > 0 && <span className="pill pill--info">{t('unread', { count: unread })}</span>}
    </p>
  )
}

async function StatusPill({ status, closed }: { status: string; closed: boolean }) {
  const t = await getTranslations('contacts')
  const key = closed ? 'closed' : status
  const tone = key === 'accepted' ? 'pill--passed' : key === 'pending' ? 'pill--info' : 'pill--unchecked'
  return <span className={`pill ${tone}`}>{t(`status.${key}`)}</span>
}

async function Empty({ viewer }: { viewer: 'youth' | 'recruiter' }) {
  const t = await getTranslations('contacts')
  return (
    <div className="empty-state">
      <h2>{t(`empty.${viewer}.title`)}</h2>
      <p>{t(`empty.${viewer}.text`)}</p>
      {viewer === 'recruiter' && <p><Link href="/directory">{t('empty.recruiter.link')}</Link></p>}
    </div>
  )
}
