import Link from 'next/link'
import { getTranslations } from 'next-intl/server'
import { StatusCard } from './_components/status-card'

export default async function NotFound() {
  const t = await getTranslations('landing.status.notFound')
  return <StatusCard title={t('title')} text={t('text')} actions={<Link className="button button--primary" href="/">{t('home')}</Link>} />
}
