import { getTranslations } from 'next-intl/server'
import styles from './portfolio.module.css'

export default async function ShareNotFound() {
  const t = await getTranslations('portfolio.view.notFound')
  return (
    <main id="content" className="page page--narrow">
      <div className={`empty-state ${styles.unavailable}`}>
        <h1>{t('title')}</h1>
        <p>{t('text')}</p>
      </div>
    </main>
  )
}
