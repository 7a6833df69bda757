import Link from 'next/link'
import { getTranslations } from 'next-intl/server'
import { StatusCard } from './status-card'

/**
 * What a page shows a client over its limit (lib/security/limits.ts): plain words and how long to
 * wait, never a crash page. `youth` speaks to a young person (tutoiement in French).
 */
export async function TooManyTries({ minutes, youth = false }: { minutes: number; youth?: boolean }) {
  const t = await getTranslations('common')
  return (
    <StatusCard
      title={t('limits.title')}
      text={t(youth ? 'limits.tooManyYouth' : 'limits.tooMany', { minutes })}
      actions={<Link className="button button--secondary" href="/">{t('limits.home')}</Link>}
    />
  )
}
