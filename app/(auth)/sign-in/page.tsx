import type { Metadata } from 'next'
import Link from 'next/link'
import { redirect } from 'next/navigation'
import { getTranslations } from 'next-intl/server'
import { getCurrentUser } from '@/lib/auth/guards'
import { ROLE_HOME } from '@/lib/auth/service'
import { SignInForm } from './sign-in-form'
import styles from './sign-in.module.css'

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('auth.signIn')
  return { title: t('metaTitle') }
}

export default async function SignInPage() {
  const user = await getCurrentUser()
  if (user) redirect(ROLE_HOME[user.role])
  const t = await getTranslations('auth.signIn')
  return (
    <main id="content" className="page page--narrow" tabIndex={-1}>
      <div className={`card ${styles.card}`}>
        <h1 className={styles.title}>{t('title')}</h1>
        <p className={styles.intro}>{t('intro')}</p>
        <SignInForm />
      </div>
      <aside className={styles.help} aria-labelledby="no-account-title">
        <h2 id="no-account-title" className={styles.helpTitle}>{t('noAccountTitle')}</h2>
        <p>{t('noAccount')}</p>
        <p>{t('forgotten')}</p>
        <p>{t('professionals')}</p>
        <p>{t('registerTitle')} <Link href="/register">{t('registerLink')}</Link></p>
      </aside>
    </main>
  )
}
