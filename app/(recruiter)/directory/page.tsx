import Link from 'next/link'
import type { Metadata } from 'next'
import { getLocale, getTranslations } from 'next-intl/server'
import { requireRole } from '@/lib/auth/guards'
import { parseSearch, searchQuery } from '@/lib/directory/schemas'
import { recruiterAccess, searchDirectory } from '@/lib/directory/service'
import { getRuntime } from '@/lib/runtime'
import { AccessDenied } from './_components/access-denied'
import { BlindProfile } from './_components/blind-profile'
import { SearchForm } from './_components/search-form'
import styles from './directory.module.css'
import { PageHeader } from '@/app/_components/page-header'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('directory'))('metaTitle'), robots: { index: false } }
}

export default async function DirectoryPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireRole('recruiter')
  const rt = await getRuntime()
  const access = await recruiterAccess(rt, user)
  if (!access.ok) return <AccessDenied reason={access.reason} />
  const [search, locale, t] = await Promise.all([searchParams.then(parseSearch), getLocale(), getTranslations('directory')])
  const result = await searchDirectory(rt, user, search, locale)
  const query = searchQuery(search, 1)
  return (
    <main id="content" className="page">
      <PageHeader title={t('title')} intro={t('intro')} />
      <SearchForm search={search} lang={locale} />
      <section aria-labelledby="results-title">
        <h2 id="results-title" className="visually-hidden">{t('results.title')}</h2>
        <p className={styles.count} role="status">{t('results.count', { count: result.total })}</p>
        {result.results.length === 0 ? (
          <div className="empty-state">
            <h3>{t('results.emptyTitle')}</h3>
            <p>{t('results.emptyText')}</p>
          </div>
        ) : (
          <ul className={styles.results}>
            {result.results.map((p) => (
              <li key={p.handle}>
                <BlindProfile profile={p} variant="card" headingLevel={3} href={`/directory/${p.handle}${query}`} />
              </li>
            ))}
          </ul>
        )}
        {result.pageCount > 1 && (
          <nav className={styles.pager} aria-label={t('results.pagination')}>
            {result.page > 1 ? <Link href={`/directory${searchQuery(search, result.page - 1)}`} rel="prev">{t('results.previous')}</Link> : <span />}
            <span>{t('results.page', { page: result.page, pages: result.pageCount })}</span>
            {result.page < result.pageCount ? <Link href={`/directory${searchQuery(search, result.page + 1)}`} rel="next">{t('results.next')}</Link> : <span />}
          </nav>
        )}
      </section>
    </main>
  )
}
