import Link from 'next/link'
import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { getFormatter, getTranslations } from 'next-intl/server'
import { PageHeader } from '@/app/_components/page-header'
import { requireRole } from '@/lib/auth/guards'
import { AppError } from '@/lib/errors'
import { shareQr } from '@/lib/portfolio/qr'
import { ShareIdSchema } from '@/lib/portfolio/schemas'
import { getShareToShow, type ShareToShowDto } from '@/lib/portfolio/service'
import { getRuntime } from '@/lib/runtime'
import { NotKept } from '../not-kept'
import { RevokeButton } from '../revoke-button'
import { ShareSheet } from '../share-sheet'
import styles from '../shares.module.css'

type Props = { params: Promise<{ id: string }> }

// A share opened again from the list: its QR code (to show full screen at the interview), its link
// and end date, and "stop this link". Only the young person's own share: any other id is a 404.
export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('shares'))('show.metaTitle'), referrer: 'no-referrer' }
}

export default async function SharePage({ params }: Props) {
  const user = await requireRole('youth')
  const input = ShareIdSchema.safeParse({ shareId: (await params).id })
  if (!input.success) notFound()
  const share = await load(user, input.data.shareId)
  const [t, format, qr] = await Promise.all([getTranslations('shares'), getFormatter(), share.url ? shareQr(share.url) : null])
  const date = (iso: string) => format.dateTime(new Date(iso), { dateStyle: 'long' })
  return (
    <main id="content" className="page page--narrow">
      <Link className={`${styles.back} ${styles.noPrint}`} href="/wallet/shares">← {t('new.back')}</Link>
      <PageHeader title={share.label} intro={qr ? t('show.intro') : null}>
        <span className={`pill ${PILL[share.status]} ${styles.noPrint}`}>{t(`status.${share.status}`)}</span>
      </PageHeader>
      {share.url && qr ? (
        <section className={styles.created} aria-label={t('show.qrSection')}>
          <ShareSheet url={share.url} expiresAt={share.expiresAt} qrSvg={qr.svg} qrPng={qr.pngDataUrl} />
        </section>
      ) : share.status === 'active' ? (
        <NotKept shareId={share.id} />
      ) : (
        <p className="alert">{t(`show.${share.status}`, { date: date(share.expiresAt) })}</p>
      )}
      {share.status === 'active' && <div className={styles.noPrint}><RevokeButton shareId={share.id} label={share.label} /></div>}
    </main>
  )
}

const PILL = { active: 'pill--passed', expired: 'pill--unchecked', revoked: 'pill--failed' } as const

async function load(user: Awaited<ReturnType<typeof requireRole>>, shareId: string): Promise<ShareToShowDto> {
  try {
    return await getShareToShow(await getRuntime(), user, shareId)
  } catch (e) {
    if (e instanceof AppError && e.code === 'NOT_FOUND') notFound()
    throw e
  }
}
