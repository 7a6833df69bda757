import { useTranslations } from 'next-intl'
import styles from './esco-attribution.module.css'

/**
 * The attribution ESCO's reuse terms ask for, shown wherever ESCO labels appear (skill picker,
 * cards aligned to ESCO). Works in server and client components alike.
 */
export function EscoAttribution({ className }: { className?: string }) {
  const t = useTranslations('common')
  return (
    <p className={[styles.attribution, className].filter(Boolean).join(' ')}>
      <a href="https://esco.ec.europa.eu" rel="noopener">{t('escoAttribution')}</a>
    </p>
  )
}
