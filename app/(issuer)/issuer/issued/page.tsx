import type { Metadata } from 'next'
import Link from 'next/link'
import { getFormatter, getLocale, getTranslations } from 'next-intl/server'
import { STANDARD_TEMPLATE_ID } from '@/lib/issuing/standard'
import { requireRole } from '@/lib/auth/guards'
import { findIssuedCredential, listIssuedCredentials } from '@/lib/issuing/queries'
import { getRuntime } from '@/lib/runtime'
import { StatusControls } from './status-controls'
import './issued-status.css'
import { PageHeader } from '@/app/_components/page-header'

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('issuer.issued')
  return { title: t('title') }
}

type Search = Promise<Record<string, string | string[] | undefined>>
const param = (v: string | string[] | undefined) => (typeof v === 'string' ? v : '')

export default async function IssuedPage({ searchParams }: { searchParams: Search }) {
  const user = await requireRole('counsellor', 'tutor')
  const sp = await searchParams
  const rt = await getRuntime()
  const query = param(sp.q)
  const [t, tc, format, locale, list, justIssued] = await Promise.all([
    getTranslations('issuer.issued'), getTranslations('issuer'), getFormatter(), getLocale(),
    listIssuedCredentials(rt, user, { query, page: Number(param(sp.page)) || 1 }),
    param(sp.issued) ? findIssuedCredential(rt, user, param(sp.issued)) : undefined,
  ])
  const pageHref = (page: number) => `/issuer/issued?${new URLSearchParams({ ...(list.query ? { q: list.query } : {}), page: String(page) })}`
  return (
    <main id="content" className="page">
      <PageHeader title={t('title')} intro={t('intro', { organisation: user.organisationName ?? '' })}>
        <Link className="button button--primary" href="/issuer/issue">{t('issueNew')}</Link>
      </PageHeader>

      {justIssued && (
        <p className="alert alert--success iss-issued-alert" role="status">
          {t('justIssued', { title: justIssued.title, name: justIssued.holderName ?? t('unknownHolder') })}
        </p>
      )}

      {list.needReissue > 0 && (
        <div className="alert alert--warning" role="status">
          <p><strong>{t('retiredKey.bannerTitle', { count: list.needReissue })}</strong></p>
          <p>{t('retiredKey.bannerText')}</p>
        </div>
      )}

      <search className="iss-search">
        <form method="get" action="/issuer/issued" role="search" className="iss-search__form">
          <label htmlFor="issued-q" className="field__label">{t('searchLabel')}</label>
          <div className="iss-search__row">
            <input id="issued-q" name="q" type="search" className="input" defaultValue={list.query} maxLength={100} aria-describedby="issued-q-hint" />
            <button type="submit" className="button button--secondary">{t('searchButton')}</button>
          </div>
          <p id="issued-q-hint" className="field__hint">{t('searchHint')}</p>
        </form>
      </search>

      <p className="iss-count" role="status">
        {list.query ? t('countFor', { count: list.total, query: list.query }) : t('count', { count: list.total })}
      </p>

      {list.items.length === 0 ? (
        <div className="empty-state">
          <h2>{list.query ? t('noMatch.title') : t('empty.title')}</h2>
          <p>{list.query ? t('noMatch.text') : t('empty.text')}</p>
          <div className="actions iss-center">
            {list.query
              ? <Link className="button button--secondary" href="/issuer/issued">{t('noMatch.clear')}</Link>
              : <Link className="button button--primary" href="/issuer/issue">{t('issueNew')}</Link>}
          </div>
        </div>
      ) : (
        <ol className="iss-issued" aria-label={t('listLabel')}>
          {list.items.map((item) => (
            <li key={item.id} className={`card iss-issued__item${item.id === justIssued?.id ? ' iss-issued__item--new' : ''}`}>
              <p className="iss-issued__template">{item.templateId === STANDARD_TEMPLATE_ID ? t('standardTemplate') : tc(`templates.${item.templateId === 'work-experience' ? 'work-experience' : 'skill-badge'}.name`)}</p>
              <h2 className="iss-issued__title" lang={item.language && item.language !== locale ? item.language : undefined}>{item.title}</h2>
              <dl className="iss-issued__facts">
                <div><dt>{t('holder')}</dt><dd>{item.holderName ?? t('unknownHolder')}</dd></div>
                <div><dt>{t('date')}</dt><dd><time dateTime={item.issuedAt}>{format.dateTime(new Date(item.issuedAt), { dateStyle: 'medium', timeStyle: 'short' })}</time></dd></div>
                <div><dt>{t('format')}</dt><dd>{t(`formats.${item.format === 'jwt' ? 'jwt' : item.templateId === STANDARD_TEMPLATE_ID ? 'standard' : 'di'}`)}</dd></div>
                {item.hasPhoto && <div><dt>{t('photo')}</dt><dd>{t('photoYes')}</dd></div>}
              </dl>
              {item.keyRetiredAt && (
                <p className="pill pill--failed" data-key-retired>
                  {t('retiredKey.mark', { date: format.dateTime(new Date(item.keyRetiredAt), { dateStyle: 'medium' }) })}
                </p>
              )}
              <div className="iss-status">
                {item.status.state === 'untracked'
                  ? <p className="iss-status__note">{t('status.untracked')}</p>
                  : (
                    <p className={`pill ${item.status.state === 'active' ? 'pill--passed' : item.status.state === 'suspended' ? 'pill--unchecked' : 'pill--failed'}`}>
                      <StatusIcon state={item.status.state} />
                      {item.status.since
                        ? t(`status.${item.status.state}Since`, { date: format.dateTime(new Date(item.status.since), { dateStyle: 'medium', timeStyle: 'short' }) })
                        : t(`status.${item.status.state}`)}
                    </p>
                  )}
                {item.status.reason && <p className="iss-status__reason">{t('status.reason', { reason: item.status.reason })}</p>}
                {item.status.state === 'revoked' && <p className="iss-status__note">{t('status.revokedFinal')}</p>}
              </div>
              {(item.status.state === 'active' || item.status.state === 'suspended') && (
                <StatusControls credentialId={item.id} title={item.title} state={item.status.state} />
              )}
            </li>
          ))}
        </ol>
      )}

      {list.pageCount > 1 && (
        <nav className="iss-pager" aria-label={t('pager.label')}>
          {list.page > 1 ? <Link className="button button--secondary button--small" href={pageHref(list.page - 1)} rel="prev">{t('pager.previous')}</Link> : <span />}
          <span>{t('pager.position', { page: list.page, count: list.pageCount })}</span>
          {list.page < list.pageCount ? <Link className="button button--secondary button--small" href={pageHref(list.page + 1)} rel="next">{t('pager.next')}</Link> : <span />}
        </nav>
      )}
    </main>
  )
}

/** A distinct shape per state, so that it never rests on colour alone. */
function StatusIcon({ state }: { state: 'active' | 'suspended' | 'revoked' }) {
  return (
    <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      {state === 'active' && <path d="M3.5 8.5l3 3 6-7" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" />}
      {state === 'suspended' && <path d="M5.5 3.5v9M10.5 3.5v9" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" />}
      {state === 'revoked' && <path d="M4 4l8 8M12 4l-8 8" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />}
    </svg>
  )
}
