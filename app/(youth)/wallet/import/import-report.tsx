'use client'
import Link from 'next/link'
import { useLocale, useTranslations } from 'next-intl'
import { StatusIcon, VerificationReport } from '@/app/_components/verification-report'
import type { ImportItemDto } from '@/lib/wallet/import'
import { credentialSegment } from '@/lib/wallet/paths'
import styles from './import.module.css'

/** After an import: per credential, added or refused and why, what to know, and how it was checked. */
export function ImportReport({ items, fileName }: { items: ImportItemDto[]; fileName?: string }) {
  const t = useTranslations('wallet.import.report')
  const added = items.filter((i) => i.outcome === 'added').length
  return (
    <section aria-labelledby="import-report-title" className={styles.report}>
      <h2 id="import-report-title" className={styles.reportTitle} tabIndex={-1}>{t('title')}</h2>
      {fileName && <p className={styles.muted}>{t('fromFile', { name: fileName })}</p>}
      <p className={added > 0 ? 'alert alert--success' : 'alert alert--error'} role="status">
        {t('summary', { added, refused: items.length - added })}
      </p>
      <ol className={styles.items}>
        {items.map((item) => <Item key={item.position} item={item} />)}
      </ol>
      <p className="actions">
        <Link className="button button--primary" href="/wallet">{t('toWallet')}</Link>
      </p>
    </section>
  )
}

function Item({ item }: { item: ImportItemDto }) {
  const t = useTranslations('wallet.import.report')
  const locale = useLocale()
  const added = item.outcome === 'added'
  const status = !added ? 'failed' : item.warnings.length ? 'unchecked' : 'passed'
  const lang = item.title && item.language && item.language !== locale ? item.language : undefined
  return (
    <li className={`card ${styles.item}`} data-outcome={item.outcome}>
      <h3 className={styles.itemTitle} lang={lang}>{item.title || t('untitled', { n: item.position })}</h3>
      <p>
        <span className={`pill pill--${status}`}>
          <StatusIcon status={status} />
          {t(added ? (item.warnings.length ? 'outcome.addedWithWarnings' : 'outcome.added') : 'outcome.refused')}
        </span>
      </p>
      {item.reason && <p className={styles.reason}>{t(`reasons.${item.reason}`)}</p>}
      {item.warnings.length > 0 && (
        <div className={styles.warnings}>
          <p>{t('warningsIntro')}</p>
          <ul>
            {item.warnings.map((w) => <li key={w}>{t(`warnings.${w}`, { subject: item.subject ?? '' })}</li>)}
          </ul>
        </div>
      )}
      {item.walletId && (
        <p>
          <Link href={`/wallet/${credentialSegment(item.walletId)}`}>
            {t(added ? 'see' : 'seeExisting')}<span className="visually-hidden"> : {item.title || t('untitled', { n: item.position })}</span>
          </Link>
        </p>
      )}
      <details className={`${styles.details} disclosure`} open={!added && item.reason !== 'duplicate'}>
        <summary>{t('checks')}</summary>
        <VerificationReport result={item.result} headingLevel={3} showLimits={false} />
      </details>
    </li>
  )
}
