'use client'
import { useLocale, useTranslations } from 'next-intl'
import { CredentialCard, displayTitle, type Translate } from '@/app/_components/credential-card'
import { EscoAttribution } from '@/app/_components/esco-attribution'
import { VerificationReport } from '@/app/_components/verification-report'
import { cardVerdict } from '@/lib/verification/card-verdict'
import { registryIssuerName } from '@/lib/verification/issuer-standing'
import type { VerifyState } from './actions'
import styles from './verify.module.css'

type Done = Extract<VerifyState, { status: 'done' }>

/** The verification result in plain words, then what the document says, as cards. */
export function VerifyResult({ state }: { state: Done }) {
  const t = useTranslations('verify.result')
  const portfolio = useTranslations('portfolio')
  const locale = useLocale()
  const { cards, knownIssuers, issuers, verdicts, result } = state
  const titles = cards.map((c, i) => (c?.title ? displayTitle(c.title, c.language, locale) : portfolio('report.credentialN', { n: i + 1 })))
  const titleLangs = cards.map((c) => (c && c.language !== locale ? c.language : undefined))
  const showsEsco = cards.some((c) => c?.alignments.some((a) => a.targetFramework === 'ESCO' || a.targetUrl.startsWith('http://data.europa.eu/esco/')))
  return (
    <>
      <section aria-labelledby="verify-result-title" className={styles.result}>
        <h2 id="verify-result-title" className={styles.sectionTitle} tabIndex={-1}>{t('title')}</h2>
        {state.fileName && <p className={styles.muted}>{t('fromFile', { name: state.fileName })}</p>}
        <VerificationReport result={result} titles={titles} titleLangs={titleLangs} headingLevel={3} />
      </section>
      {cards.length > 0 && (
        <section aria-labelledby="verify-content-title" className={styles.result}>
          <h2 id="verify-content-title" className={styles.sectionTitle}>{t('contentTitle')}</h2>
          <p className={result.verified ? styles.muted : 'alert alert--warning'}>{t(result.verified ? 'contentVerified' : 'contentNotVerified')}</p>
          <div className={styles.cards}>
            {cards.map((card, i) => card
              ? <CredentialCard key={i} card={card} t={portfolio as unknown as Translate} locale={locale} variant="full" headingLevel={3} issuerLabel={registryIssuerName(issuers?.[i]) ?? knownIssuers[i] ?? t('issuerUnknown')} issuerStanding={issuers?.[i]} verdict={verdicts?.[i] ?? cardVerdict({ result: undefined })} />
              : <p key={i} className={styles.muted}>{t('unreadable', { n: i + 1 })}</p>)}
          </div>
          {showsEsco && <EscoAttribution />}
        </section>
      )}
    </>
  )
}
