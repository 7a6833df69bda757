import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { connection } from 'next/server'
import { getFormatter, getLocale, getTranslations } from 'next-intl/server'
import { CredentialCard } from '@/app/_components/credential-card'
import { CheckList, DoesNotProve, StatusIcon, VerificationHeadline } from '@/app/_components/verification-report'
import { getCurrentUser } from '@/lib/auth/guards'
import type { VerificationResult } from '@/lib/credentials/verify/result'
import { AppError } from '@/lib/errors'
import { issuerStandingOfResult, registryIssuerName } from '@/lib/verification/issuer-standing'
import { headlineParts } from '@/lib/portfolio/binding'
import { viewSharedPortfolio, type SharedPortfolio } from '@/lib/portfolio/view'
import { getRuntime } from '@/lib/runtime'
import { checkLimit, waitMinutes } from '@/lib/security/limits'
import { requestAddressKey } from '@/lib/security/request-address'
import { TooManyTries } from '@/app/_components/too-many-tries'
import { credentialSegment } from '@/lib/wallet/paths'
import styles from './portfolio.module.css'
import { ProfileSections } from './profile-sections'

type Props = { params: Promise<{ token: string }> }

// The URL carries a secret: no Referer leaves this page (the meta tag here, and the HTTP header
// set for /p/:path* in next.config.ts), and search engines are asked not to index it.
export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('portfolio.view')
  return { title: t('metaTitle'), referrer: 'no-referrer', robots: { index: false, follow: false } }
}

export default async function SharedPortfolioPage({ params }: Props) {
  await connection()
  const { token } = await params
  // Per client address, before any signing (docs/decisions/019): generous, recruiters open links.
  const rt = await getRuntime()
  const limited = await checkLimit(rt, 'share-view', await requestAddressKey(rt))
  if (limited) return <TooManyTries minutes={waitMinutes(limited.retryAfterSeconds)} />
  const view = await load(token)
  if (view.state !== 'active') return <Unavailable state={view.state} />
  return <Portfolio view={view} token={token} />
}

async function load(token: string): Promise<SharedPortfolio | { state: 'busy' }> {
  try {
    const [rt, viewer, lang] = await Promise.all([getRuntime(), getCurrentUser(), getLocale()])
    return await viewSharedPortfolio(rt, token, { viewerId: viewer?.id, lang })
  } catch (e) {
    if (e instanceof AppError && e.code === 'NOT_FOUND') notFound()
    // Every verification worker is taken (docs/decisions/018): a plain "try again", not an error page.
    if (e instanceof AppError && e.code === 'BUSY') return { state: 'busy' }
    throw e
  }
}

/** A revoked or expired link says so, and nothing else: not even whose it was. */
async function Unavailable({ state }: { state: 'revoked' | 'expired' | 'busy' }) {
  const t = await getTranslations('portfolio.view')
  return (
    <main id="content" className="page page--narrow">
      <div className={`empty-state ${styles.unavailable}`} data-share-state={state}>
        <h1>{t(`${state}.title`)}</h1>
        <p>{t(`${state}.text`)}</p>
      </div>
    </main>
  )
}

type ActiveView = Extract<SharedPortfolio, { state: 'active' }>
type ViewT = Awaited<ReturnType<typeof getTranslations<'portfolio.view'>>>

/** "4 skills proven as Inès’s; 1 genuine badge issued to another identifier": the proven ones never mixed with the others. */
function headline({ counts, holderName }: ActiveView, t: ViewT): string {
  return headlineParts(counts).map((p) => t(`headline.${p.key}`, { count: p.count, name: holderName })).join(t('headline.separator'))
}

/**
 * The cards of the presentation, or those shown apart (`apart`: verified each on its own, issued
 * to another identifier): a genuine one apart reads "not confirmed as theirs", never "verified".
 */
async function SharedCards({ cards, results, knownIssuers, base, apart = false }: { cards: ActiveView['cards']; results: (VerificationResult | undefined)[]; knownIssuers: (string | null)[]; base: string; apart?: boolean }) {
  const [t, tc, locale] = await Promise.all([getTranslations('portfolio.view'), getTranslations('portfolio'), getLocale()])
  return (
    <ul className={styles.grid}>
      {cards.map((card, i) => {
        const result = results[i]
        const standing = issuerStandingOfResult(result)
        const issuer = registryIssuerName(standing) ?? knownIssuers[i]
        // Genuine, but not bound to the holder: shown apart, or (in the presentation) its own holder check not passed.
        const unbound = result?.verified && (apart || result.checks.some((c) => c.id === 'holder' && c.status !== 'passed'))
        const pill = !result?.verified ? 'failed' : unbound ? 'unchecked' : 'passed'
        return (
          <li key={card.id}>
            <CredentialCard
              card={card} t={tc} locale={locale} variant="full" headingLevel={3}
              issuerLabel={issuer ?? t('unknownIssuer')}
              issuerStanding={standing}
              photo={card.hasPhoto ? { src: `${base}/photo/${credentialSegment(card.id)}`, alt: t('photoAlt', { title: card.title }) } : undefined}
            >
              <div className={styles.cardChecks}>
                <p className={`pill pill--${pill}`}>
                  <StatusIcon status={pill} />
                  {t(pill === 'passed' ? 'cardVerified' : pill === 'failed' ? 'cardNotVerified' : apart ? 'cardNotConfirmed' : 'cardHolderUnchecked')}
                </p>
                <details className={`${styles.details} disclosure`} open={pill !== 'passed'}>
                  <summary>{t('cardChecks', { count: result?.checks.length ?? 0 })}<span className="visually-hidden"> : {card.title}</span></summary>
                  <CheckList checks={result?.checks ?? []} />
                </details>
              </div>
            </CredentialCard>
          </li>
        )
      })}
    </ul>
  )
}

async function Portfolio({ view, token }: { view: Extract<SharedPortfolio, { state: 'active' }>; token: string }) {
  const [t, format] = await Promise.all([getTranslations('portfolio.view'), getFormatter()])
  const results = view.result.credentials ?? []
  const base = `/p/${token}`
  return (
    <main id="content" className="page">
      <header className={styles.who}>
        <p className={styles.eyebrow}>{t('eyebrow')}</p>
        <h1>{view.holderName}</h1>
        {view.about && (
          <figure className={styles.about}>
            <blockquote><p>{view.about}</p></blockquote>
            <figcaption>{t('aboutBy', { name: view.holderName })}</figcaption>
          </figure>
        )}
      </header>

      <ProfileSections profile={view.profile} holderName={view.holderName} />

      {view.cards.length === 0 && view.apart.cards.length === 0 ? (
        <p className="alert">{t('nothing')}</p>
      ) : (
        <>
          <section className={styles.verdict} aria-labelledby="verdict-title">
            <h2 id="verdict-title" className="visually-hidden">{t('verdictTitle')}</h2>
            {view.cards.length > 0 && <VerificationHeadline verified={view.result.verified} headingLevel={3} />}
            <p className={styles.counts} data-portfolio-counts="">{headline(view, t)}</p>
            {view.cards.length > 0 && (
              <>
                <p className={styles.muted}>{t('checkedNow', { count: view.cards.length, time: format.dateTime(new Date(), { timeStyle: 'short' }) })}</p>
                <details className={`${styles.details} disclosure`} open={!view.result.verified}>
                  <summary>{t('presentationChecks')}</summary>
                  <CheckList checks={view.result.checks} />
                </details>
              </>
            )}
          </section>

          {view.cards.length > 0 && (
            <section aria-labelledby="skills-title">
              <h2 id="skills-title" className={styles.sectionTitle}>{t('skillsTitle', { count: view.cards.length })}</h2>
              <SharedCards cards={view.cards} results={results} knownIssuers={view.knownIssuers} base={base} />
            </section>
          )}

          {view.apart.cards.length > 0 && (
            <section aria-labelledby="apart-title" data-apart="">
              <h2 id="apart-title" className={styles.sectionTitle}>{t('apartTitle', { count: view.apart.cards.length, name: view.holderName })}</h2>
              <p className={styles.muted}>{t('apartIntro', { name: view.holderName })}</p>
              <SharedCards cards={view.apart.cards} results={view.apart.results} knownIssuers={view.apart.knownIssuers} base={base} apart />
            </section>
          )}
        </>
      )}

      <div className={styles.limits}><DoesNotProve headingLevel={2} /></div>

      <section className={`card ${styles.yourself}`} aria-labelledby="yourself-title">
        <h2 id="yourself-title">{t('yourself.title')}</h2>
        <p>{t('yourself.text')}</p>
        <div className="actions">
          {view.formats.map((f) => (
            <a key={f} className="button button--secondary" href={`${base}/presentation${view.formats.length > 1 ? `?format=${f}` : ''}`} download>
              {t(`yourself.download.${f}`)}
            </a>
          ))}
          <a className="button button--secondary" href="/verify">{t('yourself.verifyPage')}</a>
        </div>
        <p className={styles.muted}>{t('validUntil', { date: format.dateTime(new Date(view.expiresAt), { dateStyle: 'long' }) })}</p>
      </section>
    </main>
  )
}
