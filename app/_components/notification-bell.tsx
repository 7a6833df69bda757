import Link from 'next/link'
import { getTranslations } from 'next-intl/server'
import { UNREAD_CAP } from '@/lib/notifications/schemas'
import { countUnread } from '@/lib/notifications/service'
import { getRuntime } from '@/lib/runtime'
import styles from './notification-bell.module.css'

/**
 * The header's way to the notifications: a bell with the number of unread ones (hidden at 0). Its
 * accessible name says the number ("Notifications, 3 non lues"); the visible digits are then
 * hidden from screen readers so it is not read twice.
 */
export async function NotificationBell({ user }: { user: { id: string } }) {
  const [unread, t] = await Promise.all([countUnread(await getRuntime(), user), getTranslations('notifications')])
  const more = unread >= UNREAD_CAP
  return (
    <Link href="/notifications" className={styles.bell} data-unread={unread}>
      <svg className={styles.icon} viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
        <path d="M12 3a6 6 0 0 0-6 6v3.6l-1.7 2.9A1 1 0 0 0 5.2 17h13.6a1 1 0 0 0 .9-1.5L18 12.6V9a6 6 0 0 0-6-6Zm-2.5 15.5a2.5 2.5 0 0 0 5 0h-5Z" fill="currentColor" />
      </svg>
      <span className="visually-hidden">{more ? t('bell.labelMore') : t('bell.label', { count: unread })}</span>
      {unread > 0 && <span className={styles.count} aria-hidden="true">{more ? '99+' : unread}</span>}
    </Link>
  )
}
