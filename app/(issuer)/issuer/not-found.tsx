import Link from 'next/link'
import { getTranslations } from 'next-intl/server'

export default async function IssuerNotFound() {
  const t = await getTranslations('issuer.notFound')
  return (
    <main id="content" className="page page--narrow">
      <div className="card iss-status">
        <h1>{t('title')}</h1>
        <p>{t('text')}</p>
        <div className="actions"><Link className="button button--primary" href="/issuer">{t('home')}</Link></div>
      </div>
    </main>
  )
}
