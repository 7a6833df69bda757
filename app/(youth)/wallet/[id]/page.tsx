import Link from 'next/link'
import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { getLocale, getTranslations } from 'next-intl/server'
import { CredentialCard } from '@/app/_components/credential-card'
import { requireRole } from '@/lib/auth/guards'
import { AppError } from '@/lib/errors'
import { getRuntime } from '@/lib/runtime'
import type { CredentialCardDto } from '@/lib/wallet/cards'
import { credentialIdFromSegment, credentialSegment } from '@/lib/wallet/paths'
import { getWalletCardOrThrow } from '@/lib/wallet/service'
import { HideButton } from '../hide-button'
import styles from '../wallet.module.css'

type Props = { params: Promise<{ id: string }> }

export const metadata: Metadata = { robots: { index: false } }

export default async function CredentialPage({ params }: Props) {
  const user = await requireRole('youth')
  const { id } = await params
  const card = await loadCard(user, credentialIdFromSegment(id))
  const [t, tc, locale] = await Promise.all([getTranslations('wallet'), getTranslations('portfolio'), getLocale()])
  const base = `/wallet/${credentialSegment(card.id)}`
  return (
    <main id="content" className="page page--narrow">
      <Link className={styles.back} href="/wallet">← {t('detail.back')}</Link>
      <div className={styles.detail}>
        <CredentialCard
          card={card} t={tc} locale={locale} variant="full" headingLevel={1}
          photo={card.hasPhoto ? { src: `${base}/photo`, alt: t('detail.photoAlt', { title: card.title }) } : undefined}
        />
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

async function loadCard(user: { id: string; role: string }, id: string): Promise<CredentialCardDto> {
  try {
    return await getWalletCardOrThrow(await getRuntime(), user, id)
  } catch (e) {
    if (e instanceof AppError && e.code === 'NOT_FOUND') notFound()
    throw e
  }
}
