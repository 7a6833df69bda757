import type { Metadata } from 'next'
import Link from 'next/link'
import { redirect } from 'next/navigation'
import { getTranslations } from 'next-intl/server'
import { getCurrentUser } from '@/lib/auth/guards'
import { ROLE_HOME } from '@/lib/auth/service'
import { RegisterForm } from './register-form'
import '@/app/(issuer)/_components/issuer.css'
import { PageHeader } from '@/app/_components/page-header'

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('auth.register')
  return { title: t('metaTitle') }
}

/** Public: an organisation registers itself; it waits for an administrator's approval before it can issue. */
export default async function RegisterPage() {
  const user = await getCurrentUser()
  if (user) redirect(ROLE_HOME[user.role])
  const t = await getTranslations('auth.register')
  return (
    <main id="content" className="page page--narrow">
      <PageHeader title={t('title')} intro={t('intro')} />
      <RegisterForm />
      <p>{t('already')} <Link href="/sign-in">{t('signIn')}</Link></p>
    </main>
  )
}
