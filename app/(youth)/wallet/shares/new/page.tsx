import Link from 'next/link'
import type { Metadata } from 'next'
import { getTranslations } from 'next-intl/server'
import { requireRole } from '@/lib/auth/guards'
import { ABOUT_MAX, DEFAULT_EXPIRY_DAYS, EXPIRY_CHOICES, LABEL_MAX, ShareIdSchema } from '@/lib/portfolio/schemas'
import { getShareContent } from '@/lib/portfolio/service'
import { PROFILE_SECTIONS } from '@/lib/profile/schemas'
import { getRuntime } from '@/lib/runtime'
import { listWalletCards } from '@/lib/wallet/service'
import styles from '../shares.module.css'
import { ShareForm, type ShareChoice } from './share-form'
import { PageHeader } from '@/app/_components/page-header'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('shares'))('new.title') }
}

type Props = { searchParams: Promise<{ from?: string | string[] }> }

export default async function NewSharePage({ searchParams }: Props) {
  const user = await requireRole('youth')
  const rt = await getRuntime()
  // ?from=<share id>: a new link like one of hers (one that cannot be shown again); anyone else's is ignored.
  const from = ShareIdSchema.safeParse({ shareId: (await searchParams).from })
  const [{ visible }, t, initial] = await Promise.all([
    listWalletCards(rt, user), getTranslations('shares'), from.success ? getShareContent(rt, user, from.data.shareId) : null,
  ])
  const choices: ShareChoice[] = visible.map((c) => ({
    id: c.id, title: c.title, level: c.level?.label ?? null, issuer: c.issuer.name, language: c.language, expired: c.status === 'expired',
    imported: Boolean(c.imported),
    // A linked identifier is theirs (decision 021); another one is shown apart in the portfolio.
    otherIdentifier: Boolean(c.otherIdentifier && c.otherIdentifier.binding !== 'linked'),
  }))
  return (
    <main id="content" className="page page--narrow">
      <Link className={styles.back} href="/wallet/shares">← {t('new.back')}</Link>
      <PageHeader title={t('new.title')} intro={t('new.intro')} />
      {choices.length === 0 ? (
        <div className="empty-state">
          <h2>{t('new.nothing.title')}</h2>
          <p>{t('new.nothing.text')}</p>
          <p className={styles.centered}><Link className="button button--primary" href="/wallet">{t('new.nothing.back')}</Link></p>
        </div>
      ) : (
        <ShareForm initial={initial ?? undefined} choices={choices} limits={{ about: ABOUT_MAX, label: LABEL_MAX }} expiryChoices={[...EXPIRY_CHOICES]} defaultExpiry={DEFAULT_EXPIRY_DAYS} sections={PROFILE_SECTIONS} />
      )}
    </main>
  )
}
