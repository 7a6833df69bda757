import { useFormatter, useTranslations } from 'next-intl'
import type { Check, CheckStatus, VerificationResult } from '@/lib/credentials/verify/result'
import styles from './verification-report.module.css'

// A verification result in plain words, in the reader's language (namespace `portfolio.report`).
// Uses next-intl's hooks without 'use client': a shared component that renders in server
// components (non-async) and in client components alike.
// Each check reads `codes.<CODE>` when there is a message for that code, else the generic
// `checks.<id>.<status>`. The status shown comes from `check.status` only, with an icon AND a
// word, so `unchecked` is never shown as passed and colour is never the only signal.

export interface VerificationReportProps {
  result: VerificationResult
  /** Titles of the credentials of a presentation, in order (default "Credential n"). */
  titles?: string[]
  /** The language of each title, when it differs from the page's. */
  titleLangs?: (string | undefined)[]
  headingLevel?: 2 | 3
  /** Show "what a credential does not prove" (default true). */
  showLimits?: boolean
}

export function VerificationReport({ result, titles, titleLangs, headingLevel = 2, showLimits = true }: VerificationReportProps) {
  const t = useTranslations('portfolio.report')
  const Sub = headingLevel === 2 ? 'h3' : 'h4'
  const nested = result.credentials ?? []
  return (
    <section className={styles.report} aria-label={t(`headline.${result.verified ? 'verified' : 'notVerified'}`)}>
      <VerificationHeadline verified={result.verified} headingLevel={headingLevel} />
      {result.kind === 'presentation' ? (
        <>
          <div className={styles.group}>
            <Sub className={styles.groupTitle}>{t('presentation')}</Sub>
            <CheckList checks={result.checks} />
          </div>
          {nested.map((r, i) => (
            <div key={i} className={styles.group}>
              <Sub className={styles.groupTitle} lang={titleLangs?.[i]}>{titles?.[i] ?? t('credentialN', { n: i + 1 })}</Sub>
              <CheckList checks={r.checks} />
            </div>
          ))}
        </>
      ) : (
        <CheckList checks={result.checks} />
      )}
      {showLimits && <DoesNotProve headingLevel={headingLevel} />}
    </section>
  )
}

/** "Verified" / "Not verified" with an icon and one sentence. */
export function VerificationHeadline({ verified, headingLevel = 2 }: { verified: boolean; headingLevel?: 2 | 3 }) {
  const t = useTranslations('portfolio.report')
  const Heading = headingLevel === 2 ? 'h2' : 'h3'
  const key = verified ? 'verified' : 'notVerified'
  return (
    <div className={`${styles.headline} ${verified ? styles.headlineOk : styles.headlineBad}`}>
      <StatusIcon status={verified ? 'passed' : 'failed'} size={28} />
      <div>
        <Heading className={styles.headlineTitle}>{t(`headline.${key}`)}</Heading>
        <p>{t(`summary.${key}`)}</p>
      </div>
    </div>
  )
}

/** Issuer codes whose words need the issuer's name (without it, the generic words of the check). */
const ISSUER_NAMED = new Set(['ISSUER_KNOWN', 'ISSUER_KNOWN_EXTERNAL', 'ISSUER_SUSPENDED', 'ISSUER_NOT_APPROVED'])

/** One line per check: icon + status word + the check's name + what it means. */
export function CheckList({ checks }: { checks: Check[] }) {
  const t = useTranslations('portfolio.report')
  const format = useFormatter()
  // The registry's facts (decision 009): kind and region, since when, which registry.
  const issuerValues = (c: Check) => {
    const d = c.details ?? {}
    const str = (v: unknown) => (typeof v === 'string' ? v : '')
    const kind = str(d.kind) && t.has(`kinds.${str(d.kind)}`) ? t(`kinds.${str(d.kind)}`) : str(d.kind)
    const since = str(d.approvedSince) || str(d.since)
    return {
      facts: [kind, str(d.region)].filter(Boolean).join(', ') || '—',
      registry: str(d.registryName),
      since: since ? format.dateTime(new Date(since), { dateStyle: 'long', timeZone: 'UTC' }) : 'none',
    }
  }
  const text = (c: Check): string => {
    const date = typeof c.details?.validUntil === 'string' && c.code === 'EXPIRED' ? c.details.validUntil
      : typeof c.details?.validFrom === 'string' ? c.details.validFrom : undefined
    const values = {
      name: typeof c.details?.name === 'string' ? c.details.name : '',
      date: date ? format.dateTime(new Date(date), { dateStyle: 'long', timeZone: 'UTC' }) : '',
      // holder checks: the identifier a credential was issued to, and the one holding it.
      subject: typeof c.details?.subject === 'string' ? c.details.subject : '',
      holder: typeof c.details?.holder === 'string' ? c.details.holder : '',
      ...(c.id === 'issuer' ? issuerValues(c) : {}),
    }
    const needsName = ISSUER_NAMED.has(c.code) && !values.name
    if (!needsName && t.has(`codes.${c.code}`)) return t(`codes.${c.code}`, values)
    if (t.has(`checks.${c.id}.${c.status}`)) return t(`checks.${c.id}.${c.status}`)
    return c.message
  }
  return (
    <ul className={styles.checks}>
      {checks.map((c, i) => (
        <li key={`${c.id}-${i}`} className={`${styles.check} ${styles[c.status]}`} data-check={c.id} data-status={c.status}>
          <span className={`pill pill--${c.status} ${styles.status}`}>
            <StatusIcon status={c.status} />
            {t(`status.${c.status}`)}
          </span>
          <span className={styles.checkBody}>
            <strong>{t.has(`checkNames.${c.id}`) ? t(`checkNames.${c.id}`) : c.id}</strong>
            <span>{text(c)}</span>
          </span>
        </li>
      ))}
    </ul>
  )
}

export function DoesNotProve({ headingLevel = 2 }: { headingLevel?: 2 | 3 }) {
  const t = useTranslations('portfolio.report')
  const Sub = headingLevel === 2 ? 'h3' : 'h4'
  return (
    <aside className={styles.limits}>
      <Sub>{t('doesNotProve.title')}</Sub>
      <p>{t('doesNotProve.text')}</p>
    </aside>
  )
}

/** ✓ passed, ✗ failed, ? unchecked: a different shape for each, not only a colour. */
export function StatusIcon({ status, size = 16 }: { status: CheckStatus; size?: number }) {
  return (
    <svg viewBox="0 0 16 16" width={size} height={size} aria-hidden="true" focusable="false" className={styles.icon}>
      {status === 'passed' && <path d="M3.5 8.5l3 3 6-7" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" />}
      {status === 'failed' && <path d="M4 4l8 8M12 4l-8 8" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />}
      {status === 'unchecked' && (
        <>
          <path d="M5.5 6a2.5 2.5 0 1 1 3.5 2.3c-.6.3-1 .8-1 1.4V10.5" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
          <circle cx="8" cy="13" r="1" fill="currentColor" />
        </>
      )}
    </svg>
  )
}
