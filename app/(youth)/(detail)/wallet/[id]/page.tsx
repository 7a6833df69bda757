import Link from 'next/link'
import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { getFormatter, getLocale, getTranslations } from 'next-intl/server'
import { CredentialCard } from '@/app/_components/credential-card'
import { VerificationReport } from '@/app/_components/verification-report'
import { requireRole } from '@/lib/auth/guards'
import { AppError } from '@/lib/errors'
import { experienceOfCredential } from '@/lib/profile/service'
import { getRuntime } from '@/lib/runtime'
import { cardVerdict } from '@/lib/verification/card-verdict'
import { issuerStandingOfResult, registryIssuerName } from '@/lib/verification/issuer-standing'
import { credentialIdFromSegment, credentialSegment, identifierToLink, linkIdentifierPath } from '@/lib/wallet/paths'
import { getWalletCredentialOrThrow, type WalletCredential } from '@/lib/wallet/service'
import { HideButton } from '@/app/(youth)/wallet/hide-button'
import { importedIssuerLabel } from '@/app/(youth)/wallet/issuer-label'
import styles from '@/app/(youth)/wallet/wallet.module.css'

type Props = { params: Promise<{ id: string }> }

export const metadata: Metadata = { robots: { index: false } }

export default async function CredentialPage({ params }: Props) {
  const user = await requireRole('youth')
  const { id } = await params
  const loaded = await loadCredential(user, credentialIdFromSegment(id))
  if (loaded === 'busy') return <BusyPage />
  const { card, now, atImport } = loaded
  const [t, tc, tp, locale, format, cameFrom] = await Promise.all([
    getTranslations('wallet'), getTranslations('portfolio'), getTranslations('profile.credential'), getLocale(), getFormatter(),
    experienceOfCredential(await getRuntime(), user, card.id),
  ])
  const base = `/wallet/${credentialSegment(card.id)}`
  const standing = issuerStandingOfResult(now)
  return (
    <main id="content" className="page page--narrow">
      <Link className={styles.back} href="/wallet">← {t('detail.back')}</Link>
      <div className={styles.detail}>
        <CredentialCard
          card={card} t={tc} locale={locale} variant="full" headingLevel={1}
          issuerLabel={registryIssuerName(standing) ?? importedIssuerLabel(card, tc, false)}
          issuerStanding={standing}
          verdict={cardVerdict({ result: now })}
          photo={card.hasPhoto ? { src: `${base}/photo`, alt: t('detail.photoAlt', { title: card.title }) } : undefined}
        >
          {identifierToLink(card) && <Link className="button button--small button--primary" href={linkIdentifierPath(identifierToLink(card)!)}>{t('actions.link')}</Link>}
          {card.otherIdentifier?.binding === 'linked' && <Link className="button button--small button--secondary" href="/wallet/link">{t('actions.linked')}</Link>}
        </CredentialCard>
        {/* One disclosure for every technical check (issue 12): the card above carries the one verdict. */}
        <details className={`card ${styles.panel} disclosure`} data-testid="technical-details">
          <summary>{tc('technicalDetails')}</summary>
          <h2 className="visually-hidden">{tc('technicalDetails')}</h2>
          <p>{t('detail.checkedText')}</p>
          <VerificationReport result={now} headingLevel={3} showLimits={false} />
          {card.imported && (
            <>
              <h3>{t('detail.importedTitle')}</h3>
              <p>{t('detail.importedText', { date: format.dateTime(new Date(card.imported.at), { dateStyle: 'long' }) })}</p>
              {atImport && (
                <>
                  <h4>{t('detail.importedChecks')}</h4>
                  <VerificationReport result={atImport} headingLevel={3} showLimits={false} />
                </>
              )}
            </>
          )}
        </details>
        <section className={`card ${styles.panel}`} aria-labelledby="came-from-title">
          <h2 id="came-from-title">{tp('title')}</h2>
          {cameFrom
            ? <p><Link href={`/profile/experiences/${cameFrom.id}`}>{tp('cameFrom', { title: cameFrom.title })}</Link></p>
            : <><p>{tp('none')}</p><p><Link href="/profile">{tp('link')}</Link></p></>}
        </section>
        <section className={`card ${styles.panel}`} aria-labelledby="keep-title">
          <h2 id="keep-title">{t('detail.keepTitle')}</h2>
          <p>{t(`detail.keepText.${card.format}`)}</p>
          <div className="actions">
            <a className="button button--primary" href={`${base}/download`} download>{t(`actions.download.${card.format}`)}</a>
            {!card.hidden && <Link className="button button--secondary" href="/wallet/shares/new">{t('actions.share')}</Link>}
          </div>
        </section>
        <section className={`card ${styles.panel}`} aria-labelledby="hide-title">
          <h2 id="hide-title">{card.hidden ? t('detail.hiddenTitle') : t('detail.hideTitle')}</h2>
          <p>{card.hidden ? t('detail.hiddenText') : t('detail.hideText')}</p>
          <HideButton credentialId={card.id} hidden={card.hidden} />
        </section>
      </div>
    </main>
  )
}

/** The credential verified now; 'busy' when the verification pool is full (decision 018): a plain page, not an error. */
async function loadCredential(user: { id: string; role: string }, id: string): Promise<WalletCredential | 'busy'> {
  try {
    return await getWalletCredentialOrThrow(await getRuntime(), user, id)
  } catch (e) {
    if (e instanceof AppError && e.code === 'NOT_FOUND') notFound()
    if (e instanceof AppError && e.code === 'BUSY') return 'busy'
    throw e
  }
}

async function BusyPage() {
  const [t, tl] = await Promise.all([getTranslations('wallet'), getTranslations('common.limits')])
  return (
    <main id="content" className="page page--narrow">
      <Link className={styles.back} href="/wallet">← {t('detail.back')}</Link>
      <p className="alert alert--error" role="alert">{tl('busyYouth')}</p>
    </main>
  )
}
