import Link from 'next/link'
import { getFormatter, getTranslations } from 'next-intl/server'
import { getCurrentUser } from '@/lib/auth/guards'
import { ROLE_HOME } from '@/lib/auth/service'
import { countIssuedCredentials } from '@/lib/issuing/service'
import { listOrganisations } from '@/lib/orgs/service'
import { getRuntime } from '@/lib/runtime'
import { SampleBadge } from '../_components/sample-badge'
import styles from './landing.module.css'

// Who the page speaks to, each with the one thing they can do next. Counsellors and employer tutors
// share one card: both vouch for what a young person learned, and both join through their organisation.
const AUDIENCES = [
  { key: 'youth', href: '/sign-in' },
  { key: 'issuers', href: '/register' },
  { key: 'employers', href: '/verify' },
] as const
const KINDS = new Set(['youth_support', 'training', 'employer'])
// The landing names a few trusted organisations; the full registry, with DIDs, is on /developers.
const SHOWN_ORGANISATIONS = 6

export const dynamic = 'force-dynamic'

export default async function HomePage() {
  const rt = await getRuntime()
  const [t, format, user, orgs, issued] = await Promise.all([
    getTranslations('landing'),
    getFormatter(),
    getCurrentUser(),
    listOrganisations(rt),
    countIssuedCredentials(rt),
  ])
  const approved = orgs.filter((o) => o.status === 'approved')

  return (
    <main id="content" tabIndex={-1}>
      <section className={`hero ${styles.hero}`} aria-labelledby="hero-title">
        <div className="container hero__inner">
          <div className="hero__text">
            <h1 id="hero-title">{t('hero.title')}</h1>
            <p className={`lead ${styles.lead}`}>{t('hero.lead')}</p>
            <div className="actions">
              {user
                ? <Link className="button button--primary" href={ROLE_HOME[user.role]}>{t('hero.home')}</Link>
                : <Link className="button button--primary" href="/sign-in">{t('hero.signIn')}</Link>}
              <Link className="button button--secondary" href="/verify">{t('hero.verify')}</Link>
            </div>
            {user ? null : <p className="hero__account">{t('hero.noAccount')}</p>}
          </div>
          <div className={styles.sample}><SampleBadge /></div>
        </div>
      </section>

      <section className={styles.section} aria-labelledby="audiences-title">
        <div className="container">
          <h2 id="audiences-title">{t('audiences.title')}</h2>
          <ul className={styles.audiences}>
            {AUDIENCES.map((a) => (
              <li key={a.key} className={`card ${styles.audience}`}>
                <h3>{t(`audiences.items.${a.key}.title`)}</h3>
                <p>{t(`audiences.items.${a.key}.text`)}</p>
                <Link className={styles.cta} href={a.href}>{t(`audiences.items.${a.key}.action`)}<span className={styles.arrow} aria-hidden="true">→</span></Link>
              </li>
            ))}
          </ul>
        </div>
      </section>

      <section className={`${styles.section} section--tinted`} aria-labelledby="instance-title">
        <div className="container">
          <h2 id="instance-title">{t('instance.title')}</h2>
          <p className={styles.intro}>{t('instance.intro')}</p>
          <p className={styles.stat}>
            <span className={styles.statNumber}>{format.number(issued)}</span>{' '}
            <span>{t('instance.count', { count: issued })}</span>
          </p>
          {approved.length === 0
            ? <p className="empty">{t('instance.empty')}</p>
            : (
              <ul className={styles.orgs} aria-label={t('instance.listLabel')}>
                {approved.slice(0, SHOWN_ORGANISATIONS).map((org) => (
                  <li key={org.slug}>
                    <strong>{org.name}</strong>
                    <span className={styles.orgFacts}>
                      {t(`instance.kinds.${KINDS.has(org.kind) ? org.kind : 'other'}`)}
                      {' · '}
                      {org.region ?? t('instance.noRegion')}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          {approved.length > SHOWN_ORGANISATIONS && <p className={styles.intro}>{t('instance.more', { count: approved.length - SHOWN_ORGANISATIONS })}</p>}
          <p className={styles.devLink}><Link href="/developers">{t('developersLink')}</Link></p>
        </div>
      </section>
    </main>
  )
}
