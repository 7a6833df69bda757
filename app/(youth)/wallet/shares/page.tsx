import Link from 'next/link'
import type { Metadata } from 'next'
import { getFormatter, getTranslations } from 'next-intl/server'
import { requireRole } from '@/lib/auth/guards'
import { listShares, type ShareSummaryDto } from '@/lib/portfolio/service'
import { getRuntime } from '@/lib/runtime'
import { NotKept } from './not-kept'
import { RevokeButton } from './revoke-button'
import styles from './shares.module.css'
import { PageHeader } from '@/app/_components/page-header'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('shares'))('title') }
}

export default async function SharesPage() {
  const user = await requireRole('youth')
  const [shares, t] = await Promise.all([listShares(await getRuntime(), user), getTranslations('shares')])
  return (
    <main id="content" className="page">
      <PageHeader title={t('title')} intro={t('intro')}>
        <Link className="button button--primary" href="/wallet/shares/new">{t('actions.new')}</Link>
      </PageHeader>
      <p className={`alert ${styles.notice}`}>{t('showAgainNotice')}</p>
      {shares.length === 0 ? (
        <div className="empty-state">
          <h2>{t('empty.title')}</h2>
          <p>{t('empty.text')}</p>
        </div>
      ) : (
        <ul className={styles.list}>
          {shares.map((s) => <li key={s.id}><ShareItem share={s} /></li>)}
        </ul>
      )}
    </main>
  )
}

const PILL = { active: 'pill--passed', expired: 'pill--unchecked', revoked: 'pill--failed' } as const

async function ShareItem({ share }: { share: ShareSummaryDto }) {
  const [t, format] = await Promise.all([getTranslations('shares'), getFormatter()])
  const date = (iso: string) => format.dateTime(new Date(iso), { dateStyle: 'medium' })
  return (
    <article className={`card ${styles.share}`} aria-labelledby={`share-${share.id}`}>
      <div className={styles.shareHead}>
        <h2 id={`share-${share.id}`} className={styles.shareTitle}>{share.label}</h2>
        <span className={`pill ${PILL[share.status]}`}>{t(`status.${share.status}`)}</span>
      </div>
      <dl className={styles.facts}>
        <div><dt>{t('list.credentials')}</dt><dd>{t('list.credentialCount', { count: share.credentialCount })}</dd></div>
        <div><dt>{t('list.created')}</dt><dd>{date(share.createdAt)}</dd></div>
        <div><dt>{share.status === 'expired' ? t('list.expired') : t('list.expires')}</dt><dd>{date(share.expiresAt)}</dd></div>
        <div>
          <dt>{t('list.views')}</dt>
          <dd>
            {t('list.viewCount', { count: share.viewCount })}
            {share.lastViewedAt && <span className={styles.lastViewed}>{t('list.lastViewed', { date: format.dateTime(new Date(share.lastViewedAt), { dateStyle: 'medium', timeStyle: 'short' }) })}</span>}
          </dd>
        </div>
      </dl>
      {share.status === 'active' && !share.canShowAgain && <NotKept shareId={share.id} />}
      {share.status === 'active' && (
        <div className={styles.shareActions}>
          {share.canShowAgain && (
            <Link className="button button--small button--primary" href={`/wallet/shares/${share.id}`}>
              {t('list.show')}<span className="visually-hidden"> : {share.label}</span>
            </Link>
          )}
          <RevokeButton shareId={share.id} label={share.label} />
        </div>
      )}
    </article>
  )
}
