import Link from 'next/link'
import type { Metadata } from 'next'
import { getLocale, getTranslations } from 'next-intl/server'
import { CredentialCard } from '@/app/_components/credential-card'
import { requireRole } from '@/lib/auth/guards'
import { getRuntime } from '@/lib/runtime'
import { credentialSegment, identifierToLink, linkIdentifierPath } from '@/lib/wallet/paths'
import { listWalletCards } from '@/lib/wallet/service'
import { listOffers } from '@/lib/offers/service'
import { PendingOffers } from './offers'
import { FirstStepsChecklist } from './first-steps'
import { allDone, getFirstSteps } from '@/lib/wallet/first-steps'
import { HideButton } from './hide-button'
import { importedIssuerLabel } from './issuer-label'
import styles from './wallet.module.css'
import { PageHeader } from '@/app/_components/page-header'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('wallet'))('title') }
}

export default async function WalletPage() {
  const user = await requireRole('youth')
  const rt = await getRuntime()
  const [{ visible, hidden }, offers, t, tc, locale] = await Promise.all([
    listWalletCards(rt, user),
    listOffers(rt, user),
    getTranslations('wallet'),
    getTranslations('portfolio'),
    getLocale(),
  ])
  const steps = await getFirstSteps(rt, user, { visible, hidden })
  return (
    <main id="content" className="page">
      <PageHeader title={t('title')} intro={t('intro')}>
        <div className="actions">
          {visible.length > 0 && <Link className="button button--primary" href="/wallet/shares/new">{t('actions.share')}</Link>}
          <Link className="button button--secondary" href="/wallet/import">{t('actions.import')}</Link>
        </div>
      </PageHeader>

      <PendingOffers offers={offers} tc={tc} locale={locale} />

      {!allDone(steps) && <FirstStepsChecklist steps={steps} t={t} />}

      {visible.length === 0 && hidden.length === 0 && <EmptyWallet t={t} />}
      {visible.length === 0 && hidden.length > 0 && <p className="alert">{t('allHidden')}</p>}

      {visible.length > 0 && (
        <ul className={styles.grid} aria-label={t('listLabel')}>
          {visible.map((card) => (
            <li key={card.id}>
              <CredentialCard card={card} t={tc} locale={locale} headingLevel={2} href={`/wallet/${credentialSegment(card.id)}`} issuerLabel={importedIssuerLabel(card, tc)}>
                <Link className="button button--small button--secondary" href={`/wallet/${credentialSegment(card.id)}`}>
                  {t('actions.details')}<span className="visually-hidden"> : {card.title}</span>
                </Link>
                {identifierToLink(card) && (
                  <Link className="button button--small button--secondary" href={linkIdentifierPath(identifierToLink(card)!)}>
                    {t('actions.link')}<span className="visually-hidden"> : {card.title}</span>
                  </Link>
                )}
              </CredentialCard>
            </li>
          ))}
        </ul>
      )}

      {hidden.length > 0 && (
        <details className={`${styles.hiddenSection} disclosure`}>
          <summary>{t('hidden.summary', { count: hidden.length })}</summary>
          <p className={styles.muted}>{t('hidden.explain')}</p>
          <ul className={styles.grid}>
            {hidden.map((card) => (
              <li key={card.id}>
                <CredentialCard card={card} t={tc} locale={locale} headingLevel={3} href={`/wallet/${credentialSegment(card.id)}`} issuerLabel={importedIssuerLabel(card, tc)}>
                  <HideButton credentialId={card.id} hidden />
                </CredentialCard>
              </li>
            ))}
          </ul>
        </details>
      )}
    </main>
  )
}

function EmptyWallet({ t }: { t: Awaited<ReturnType<typeof getTranslations<'wallet'>>> }) {
  return (
    <section className="empty-state" aria-labelledby="empty-title">
      <h2 id="empty-title">{t('empty.title')}</h2>
      <p>{t('empty.what')}</p>
      <p>{t('empty.how')}</p>
      <p>{t('empty.next')}</p>
      <p>{t('empty.elsewhere')}</p>
    </section>
  )
}
