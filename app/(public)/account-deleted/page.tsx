import Link from 'next/link'
import type { Metadata } from 'next'
import { getTranslations } from 'next-intl/server'
import styles from './deleted.module.css'
import { PageHeader } from '@/app/_components/page-header'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('privacy'))('deleted.title') }
}

/** Where a young person lands once their account is deleted (signed out). */
export default async function AccountDeletedPage() {
  const t = await getTranslations('privacy.deleted')
  return (
    <main id="content" className="page">
      <PageHeader title={t('title')} intro={t('text')} />
      <div className={styles.stack}>
        <p className="alert alert--success" role="status">{t('done')}</p>
        <p>{t('issuers')}</p>
        <Link className="button button--secondary" href="/">{t('home')}</Link>
      </div>
    </main>
  )
}
