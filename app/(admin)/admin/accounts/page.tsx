import type { Metadata } from 'next'
import { getTranslations } from 'next-intl/server'
import { PageHeader } from '@/app/_components/page-header'
import { requireRole } from '@/lib/auth/guards'
import { SetPasswordForm } from './set-password-form'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('account.reset'))('metaTitle') }
}

/** The admin sets a new password for someone who forgot theirs (decision 033). */
export default async function AccountsPage() {
  await requireRole('admin')
  const t = await getTranslations('account.reset')
  return (
    <main id="content" className="page page--narrow">
      <PageHeader title={t('title')} intro={t('intro')} />
      <section className="card" aria-labelledby="set-password-title">
        <h2 id="set-password-title" className="iss-card-title">{t('formTitle')}</h2>
        <SetPasswordForm />
      </section>
      <p className="field__hint">{t('own')}</p>
    </main>
  )
}
