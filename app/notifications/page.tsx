import type { Metadata } from 'next'
import Link from 'next/link'
import { getFormatter, getLocale, getTranslations } from 'next-intl/server'
import { PageHeader } from '@/app/_components/page-header'
import { requireUser } from '@/lib/auth/guards'
import { capitalise } from '@/lib/i18n/text'
import { PageSchema, UNREAD_CAP } from '@/lib/notifications/schemas'
import { listNotifications, type NotificationDto } from '@/lib/notifications/service'
import { getRuntime } from '@/lib/runtime'
import { markAllReadAction } from './actions'
import styles from './notifications.module.css'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('notifications'))('title') }
}

/** Every signed-in person's notifications, newest first, a page at a time; unread ones stand out. */
export default async function NotificationsPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const user = await requireUser()
  const page = PageSchema.parse((await searchParams).page)
  const [list, t] = await Promise.all([listNotifications(await getRuntime(), user, page), getTranslations('notifications')])
  const audience = user.role === 'youth' ? 'youth' : 'staff'
  return (
    <main id="content" className="page">
      <PageHeader title={t('title')} intro={t(`intro.${audience}`)}>
        <div className={styles.summary}>
          <p className={list.unread > 0 ? 'pill pill--info' : 'pill pill--unchecked'}>
            {list.unread >= UNREAD_CAP ? t('unreadMore') : t('unreadCount', { count: list.unread })}
          </p>
          {list.unread > 0 && (
            <form action={markAllReadAction}>
              <button type="submit" className="button button--secondary button--small">{t('markAll')}</button>
            </form>
          )}
        </div>
      </PageHeader>
      {list.items.length === 0 ? (
        <div className="empty-state">
          <h2>{t('empty.title')}</h2>
          <p>{audience === 'youth' ? t('empty.text') : t('empty.textStaff')}</p>
        </div>
      ) : (
        <ul className={styles.list} aria-label={t('listLabel')}>
          {list.items.map((n) => <li key={n.id}><NotificationItem n={n} audience={audience} /></li>)}
        </ul>
      )}
      {(list.page > 1 || list.hasMore) && (
        <nav className={styles.pager} aria-label={t('pageOf', { page: list.page })}>
          {list.page > 1 && <Link className="button button--secondary button--small" href={list.page === 2 ? '/notifications' : `/notifications?page=${list.page - 1}`}>{t('newer')}</Link>}
          {list.hasMore && <Link className="button button--secondary button--small" href={`/notifications?page=${list.page + 1}`}>{t('older')}</Link>}
        </nav>
      )}
    </main>
  )
}

async function NotificationItem({ n, audience }: { n: NotificationDto; audience: 'youth' | 'staff' }) {
  const [t, format, locale] = await Promise.all([getTranslations('notifications'), getFormatter(), getLocale()])
  const key = n.kind === 'contact_message' ? `contact_message_${audience}` as const : n.kind
  // Badge titles and skills are shown capitalised, as on the cards (stored as they were signed).
  const params = Object.fromEntries(Object.entries(n.params).map(([k, v]) => [k, k === 'title' || k === 'skill' ? capitalise(v, locale) : v]))
  return (
    // A plain link, not next/link: opening marks it read (a route handler), so it is never prefetched.
    <a href={`/notifications/${encodeURIComponent(n.id)}`} className={n.read ? styles.item : `${styles.item} ${styles.unread}`}>
      <span className={styles.text}>
        {!n.read && <><span className={styles.new}>{t('new')}</span><span className="visually-hidden">, </span></>}
        {t(`kinds.${key}`, params)}
      </span>
      <time className={styles.time} dateTime={n.createdAt}>{format.dateTime(new Date(n.createdAt), { dateStyle: 'medium', timeStyle: 'short' })}</time>
    </a>
  )
}
