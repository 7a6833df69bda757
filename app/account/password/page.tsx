import type { Metadata } from 'next'
import { getTranslations } from 'next-intl/server'
import { PageHeader } from '@/app/_components/page-header'
import { requireUser } from '@/lib/auth/guards'
import { ChangePasswordForm } from './change-password-form'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('account.password'))('metaTitle') }
}

/** Every signed-in account changes its own password here (the account menu links to it). */
export default async function ChangePasswordPage() {
  const user = await requireUser()
  const t = await getTranslations('account.password')
  return (
    <main id="content" className="page page--narrow">
      <PageHeader title={t('title')} intro={t('intro')} />
      <div className="card">
        <ChangePasswordForm username={user.username} />
      </div>
    </main>
  )
}
