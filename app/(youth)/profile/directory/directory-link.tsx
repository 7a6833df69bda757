import Link from 'next/link'
import { getTranslations } from 'next-intl/server'
import type { SessionUser } from '@/lib/auth/sessions'
import { getMyHandle } from '@/lib/directory/service'
import { getRuntime } from '@/lib/runtime'
import styles from '../profile.module.css'

/** The profile's short section about the recruiters' directory: in or not, and a link to choose. */
export async function DirectoryLink({ user }: { user: SessionUser }) {
  const [handle, t] = await Promise.all([getMyHandle(await getRuntime(), user), getTranslations('directory.profileLink')])
  return (
    <section className={`${styles.section} card`} aria-labelledby="directory-title">
      <div className={styles.sectionHead}>
        <h2 id="directory-title">{t('title')}</h2>
        <Link className="button button--secondary" href="/profile/directory">{t('manage')}</Link>
      </div>
      <p className={styles.meta}>{handle ? t('on', { handle }) : t('off')}</p>
    </section>
  )
}
