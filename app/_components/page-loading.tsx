import { useTranslations } from 'next-intl'

/** The loading state of the routes that do real work (wallet, issuer, admin, recruiter view). */
export function PageLoading() {
  const t = useTranslations('landing.status')
  return (
    <div className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      <p>{t('loading')}</p>
    </div>
  )
}
