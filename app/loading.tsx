import { useTranslations } from 'next-intl'

export default function Loading() {
  const t = useTranslations('landing.status')
  return (
    <div className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      <p>{t('loading')}</p>
    </div>
  )
}
