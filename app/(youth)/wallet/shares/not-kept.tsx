import Link from 'next/link'
import { getTranslations } from 'next-intl/server'
import styles from './shares.module.css'

/** A share made before links were kept (decision 024): said plainly, with the way out, a new link. */
export async function NotKept({ shareId }: { shareId: string }) {
  const t = await getTranslations('shares.notKept')
  return (
    <div className={`alert alert--warning ${styles.notKept}`}>
      <p>{t('text')}</p>
      <Link className="button button--small button--primary" href={`/wallet/shares/new?from=${shareId}`}>{t('makeNew')}</Link>
    </div>
  )
}
