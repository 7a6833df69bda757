import type { IssuerStandingDto } from '@/lib/verification/issuer-standing'
import type { Translate } from './credential-card'
import styles from './issuer-standing.module.css'

// Who vouches for a credential, in plain words (docs/decisions/009): "Verified by Tremplin: …",
// "In registry X: …", a clear warning for an unknown issuer, a clear failure for a suspended one.
// Hook-free like the card: the caller passes the `portfolio` translator and the UI locale.

const KINDS = new Set(['youth_support', 'training', 'employer'])

const formatDate = (iso: string, locale: string) => {
  const d = new Date(iso)
  return Number.isNaN(d.getTime()) ? iso : new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(d)
}

const CLASS: Record<IssuerStandingDto['standing'], string> = {
  platform: styles.known!, external: styles.external!, suspended: styles.failure!, pending: styles.warning!, unknown: styles.warning!, unproven: styles.failure!, self: styles.self!,
}

export function IssuerStandingNote({ standing, t, locale }: { standing: IssuerStandingDto; t: Translate; locale: string }) {
  return (
    <p className={`${styles.standing} ${CLASS[standing.standing]}`} data-issuer-standing={standing.standing}>
      <Icon standing={standing.standing} />
      <span className={styles.text}>
        <span className={styles.title}>{t(`card.standing.${standing.standing}.title`, standing.standing === 'external' ? { registry: standing.registry } : undefined)}</span>
        <span>{body(standing, t, locale)}</span>
      </span>
    </p>
  )
}

function body(s: IssuerStandingDto, t: Translate, locale: string) {
  switch (s.standing) {
    case 'platform': {
      const kind = s.kind ? t(`card.standing.kinds.${KINDS.has(s.kind) ? s.kind : 'other'}`) : null
      const facts = [kind, s.region].filter(Boolean).join(', ')
      return s.approvedSince
        ? t('card.standing.platform.text', { name: s.name, facts: facts || '—', date: formatDate(s.approvedSince, locale) })
        : t('card.standing.platform.textNoDate', { name: s.name, facts: facts || '—' })
    }
    case 'external':
      return (
        <>
          {t('card.standing.external.text', { name: s.name, registry: s.registry })}
          {s.location && <> {t('card.standing.external.location', { location: s.location })}</>}
          {s.url && <> <a href={s.url} rel="noopener noreferrer nofollow">{s.url}</a></>}
        </>
      )
    case 'suspended':
      return s.since ? t('card.standing.suspended.text', { name: s.name, date: formatDate(s.since, locale) }) : t('card.standing.suspended.textNoDate', { name: s.name })
    case 'pending':
      return t('card.standing.pending.text', { name: s.name })
    default:
      return t(`card.standing.${s.standing}.text`)
  }
}

/** A distinct shape per standing (✓ known, ✓ in a ring for external, ✗ failure, ! warning, a speech bubble for self-issued), never colour alone. */
function Icon({ standing }: { standing: IssuerStandingDto['standing'] }) {
  return (
    <svg viewBox="0 0 16 16" width="18" height="18" aria-hidden="true" focusable="false">
      {standing === 'platform' && <path d="M3.5 8.5l3 3 6-7" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" />}
      {standing === 'external' && <><circle cx="8" cy="8" r="6.5" fill="none" stroke="currentColor" strokeWidth="1.5" /><path d="M5 8.3l2 2 4-4.6" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" /></>}
      {(standing === 'suspended' || standing === 'unproven') && <path d="M4 4l8 8M12 4l-8 8" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />}
      {standing === 'self' && <path d="M2.5 3.5h11v7h-6l-3 2.5v-2.5h-2z" fill="none" stroke="currentColor" strokeWidth="1.4" strokeLinejoin="round" />}
      {(standing === 'unknown' || standing === 'pending') && <><path d="M8 3v6" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" /><circle cx="8" cy="12.5" r="1.2" fill="currentColor" /></>}
    </svg>
  )
}
