import Link from 'next/link'
import { getFormatter, getTranslations } from 'next-intl/server'
import { getCurrentUser } from '@/lib/auth/guards'
import { ROLE_HOME } from '@/lib/auth/service'
import { countIssuedCredentials } from '@/lib/issuing/service'
import { listOrganisations } from '@/lib/orgs/service'
import { getRuntime } from '@/lib/runtime'
import { DeveloperSection } from '../_components/developer-section'
import { OrganisationList } from '../_components/organisation-list'
import { SampleBadge } from '../_components/sample-badge'

const STEPS = ['attest', 'share', 'verify'] as const
const ROLES = ['youth', 'counsellor', 'tutor', 'recruiter'] as const

export const dynamic = 'force-dynamic'

export default async function HomePage() {
  const rt = await getRuntime()
  const [t, ta, format, user, orgs, issued] = await Promise.all([
    getTranslations('landing'),
    getTranslations('auth.register'),
    getFormatter(),
    getCurrentUser(),
    listOrganisations(rt),
    countIssuedCredentials(rt),
  ])

  return (
    <main id="content" tabIndex={-1}>
      <section className="hero" aria-labelledby="hero-title">
        <div className="container hero__inner">
          <div className="hero__text">
            <p className="eyebrow">{t('hero.eyebrow')}</p>
            <h1 id="hero-title">{t('hero.title')}</h1>
            <p className="lead">{t('hero.lead')}</p>
            <p className="hero__audience">{t('hero.audience')}</p>
            <div className="actions">
              {user
                ? <Link className="button button--primary" href={ROLE_HOME[user.role]}>{t('hero.home')}</Link>
                : <Link className="button button--primary" href="/sign-in">{t('hero.signIn')}</Link>}
              <a className="button button--secondary" href="#how">{t('hero.howItWorks')}</a>
            </div>
            {user ? null : <p className="hero__account">{t('hero.noAccount')}</p>}
          </div>
          <SampleBadge />
        </div>
      </section>

      <section className="section" id="how" aria-labelledby="how-title">
        <div className="container">
          <h2 id="how-title">{t('how.title')}</h2>
          <p className="section__intro">{t('how.intro')}</p>
          <ol className="steps">
            {STEPS.map((step, i) => (
              <li key={step} className="card step">
                <span className="step__number" aria-hidden="true">{format.number(i + 1)}</span>
                <h3>{t(`how.steps.${step}.title`)}</h3>
                <p>{t(`how.steps.${step}.text`)}</p>
              </li>
            ))}
          </ol>
        </div>
      </section>

      <section className="section section--tinted" id="roles" aria-labelledby="roles-title">
        <div className="container">
          <h2 id="roles-title">{t('roles.title')}</h2>
          <ul className="roles">
            {ROLES.map((role) => (
              <li key={role} className="card role">
                <span className="role__tag">{t(`roles.items.${role}.tag`)}</span>
                <h3>{t(`roles.items.${role}.title`)}</h3>
                <p>{t(`roles.items.${role}.text`)}</p>
              </li>
            ))}
          </ul>
        </div>
      </section>

      <section className="section" id="instance" aria-labelledby="instance-title">
        <div className="container">
          <h2 id="instance-title">{t('instance.title')}</h2>
          <p className="section__intro">{t('instance.intro')}</p>
          <p className="stat">
            <span className="stat__number">{format.number(issued)}</span>{' '}
            <span className="stat__label">{t('instance.count', { count: issued })}</span>
          </p>
          {/* Only the registry of trusted issuers: an organisation waiting for approval (or suspended) cannot issue. */}
          <OrganisationList orgs={orgs.filter((o) => o.status === 'approved')} />
          {user ? null : <p className="section__intro">{ta('landingCall')} <Link href="/register">{ta('landingLink')}</Link></p>}
        </div>
      </section>

      <DeveloperSection />
    </main>
  )
}
