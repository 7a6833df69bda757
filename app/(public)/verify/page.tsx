import type { Metadata } from 'next'
import { getTranslations } from 'next-intl/server'
import { VerifyForm } from './verify-form'
import styles from './verify.module.css'

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('verify.meta')
  return { title: t('title'), description: t('description') }
}

const CHECKED = ['signature', 'issuer', 'dates', 'holder'] as const

/** The public verifier (also the recruiter's home): paste, upload or scan; nothing is stored. */
export default async function VerifyPage() {
  const t = await getTranslations('verify')
  return (
    <main id="content" className="page">
      <div className={styles.layout}>
        <header className={styles.header}>
          <h1>{t('title')}</h1>
          <p className={styles.lead}>{t('lead')}</p>
          <p className={styles.privacy}>
            <LockIcon />
            <span>{t('privacy')}</span>
          </p>
        </header>
        <VerifyForm />
        <aside className={styles.about} aria-labelledby="verify-about-title">
          <h2 id="verify-about-title">{t('about.title')}</h2>
          <ul>
            {CHECKED.map((key) => <li key={key}>{t(`about.items.${key}`)}</li>)}
          </ul>
          <p>{t('about.formats')}</p>
        </aside>
      </div>
    </main>
  )
}

function LockIcon() {
  return (
    <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
      <rect x="5" y="10" width="14" height="10" rx="2" fill="none" stroke="currentColor" strokeWidth="2" />
      <path d="M8 10V7a4 4 0 0 1 8 0v3" fill="none" stroke="currentColor" strokeWidth="2" />
    </svg>
  )
}
