import { getTranslations } from 'next-intl/server'
import { CredentialCard, type Translate } from '@/app/_components/credential-card'
import type { OfferDto } from '@/lib/offers/service'
import { OfferButtons } from './offer-buttons'
import styles from './wallet.module.css'

/** Credentials offered by organisations that do not know this young person yet: who offers what, accept or refuse. */
export async function PendingOffers({ offers, tc, locale }: { offers: OfferDto[]; tc: Translate; locale: string }) {
  if (offers.length === 0) return null
  const t = await getTranslations('wallet.offers')
  return (
    <section className={styles.offers} aria-labelledby="offers-title">
      <h2 id="offers-title">{t('title', { count: offers.length })}</h2>
      <p>{t('explain')}</p>
      <ul className={styles.grid}>
        {offers.map((offer) => (
          <li key={offer.id}>
            <CredentialCard card={offer.card} t={tc} locale={locale} headingLevel={3}>
              <p>{t('who', { organisation: offer.organisationName })}</p>
              <OfferButtons offerId={offer.id} title={offer.card.title} />
            </CredentialCard>
          </li>
        ))}
      </ul>
    </section>
  )
}
