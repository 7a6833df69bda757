import Link from 'next/link'
import type { Metadata } from 'next'
import { getTranslations } from 'next-intl/server'
import { requireRole } from '@/lib/auth/guards'
import { IMPORT_MAX_BYTES, IMPORT_MAX_CREDENTIALS } from '@/lib/wallet/import-input'
import walletStyles from '../wallet.module.css'
import { ImportForm } from './import-form'
import styles from './import.module.css'
import { PageHeader } from '@/app/_components/page-header'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('wallet'))('import.title'), robots: { index: false } }
}

const REFUSED = ['signature', 'notCredential', 'revoked', 'duplicate'] as const
const WARNED = ['unknownIssuer', 'otherIdentifier', 'expired', 'statusUnchecked'] as const

/** "Add a credential from elsewhere": paste or upload, then a report per credential. */
export default async function ImportPage() {
  await requireRole('youth')
  const t = await getTranslations('wallet')
  return (
    <main id="content" className="page page--narrow">
      <Link className={walletStyles.back} href="/wallet">← {t('detail.back')}</Link>
      <PageHeader title={t('import.title')} intro={t('import.intro')} />
      <ImportForm maxBytes={IMPORT_MAX_BYTES} maxCredentials={IMPORT_MAX_CREDENTIALS} />
      <aside className={styles.rules} aria-labelledby="import-rules-title">
        <h2 id="import-rules-title">{t('import.rules.title')}</h2>
        <p>{t('import.rules.checked')}</p>
        <h3>{t('import.rules.refusedTitle')}</h3>
        <ul>{REFUSED.map((k) => <li key={k}>{t(`import.rules.refused.${k}`)}</li>)}</ul>
        <h3>{t('import.rules.warnedTitle')}</h3>
        <ul>{WARNED.map((k) => <li key={k}>{t(`import.rules.warned.${k}`)}</li>)}</ul>
      </aside>
    </main>
  )
}
