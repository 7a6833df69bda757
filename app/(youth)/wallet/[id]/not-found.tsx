import Link from 'next/link'
import { getTranslations } from 'next-intl/server'
import styles from '../wallet.module.css'

export default async function CredentialNotFound() {
  const t = await getTranslations('wallet.notFound')
  return (
    <main id="content" className="page page--narrow">
      <div className="empty-state">
        <h1 className={styles.emptyTitle}>{t('title')}</h1>
        <p>{t('text')}</p>
        <p className={styles.centered}>
          <Link className="button button--primary" href="/wallet">{t('back')}</Link>
        </p>
      </div>
    </main>
  )
}
