import { getFormatter, getTranslations } from 'next-intl/server'
import type { OrganisationStandingDto } from '@/lib/orgs/standing'
import styles from './registry-banner.module.css'

/**
 * The organisation is not (or no longer) in the registry of trusted issuers: say so plainly, and
 * what its staff can still do. Nothing for an approved organisation.
 */
export async function RegistryBanner({ standing }: { standing: OrganisationStandingDto }) {
  if (standing.status === 'approved') return null
  const [t, format] = await Promise.all([getTranslations('issuer.registry'), getFormatter()])
  const day = (iso: string | null) => (iso ? format.dateTime(new Date(iso), { dateStyle: 'long' }) : '')
  const suspended = standing.status === 'suspended'
  return (
    <section className={`alert ${suspended ? 'alert--error' : 'alert--warning'} ${styles.banner}`} aria-labelledby="registry-banner-title" data-registry-status={standing.status}>
      <h2 id="registry-banner-title" className={styles.title}>{t(`${standing.status}.title`)}</h2>
      {suspended ? (
        <>
          <p>{t('suspended.text', { organisation: standing.name, date: day(standing.suspendedAt) })}</p>
          {standing.suspendedReason && <p>{t('suspended.reason', { reason: standing.suspendedReason })}</p>}
          <p>{t('suspended.next')}</p>
        </>
      ) : (
        <>
          <p>{t('pending.text', { organisation: standing.name, date: day(standing.registeredAt) })}</p>
          <p>{t('pending.meanwhile')}</p>
        </>
      )}
    </section>
  )
}
