import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { connection } from 'next/server'
import { getFormatter, getLocale, getTranslations } from 'next-intl/server'
import { CredentialCard, displayTitle } from '@/app/_components/credential-card'
import { DoesNotProve } from '@/app/_components/verification-report'
import { getCurrentUser } from '@/lib/auth/guards'
import { AppError } from '@/lib/errors'
import { issuerStandingOfResult, registryIssuerName } from '@/lib/verification/issuer-standing'
import { viewSharedPortfolio, type SharedPortfolio } from '@/lib/portfolio/view'
import { getRuntime } from '@/lib/runtime'
import { checkLimit, waitMinutes } from '@/lib/security/limits'
import { requestAddressKey } from '@/lib/security/request-address'
import { TooManyTries } from '@/app/_components/too-many-tries'
import { credentialSegment } from '@/lib/wallet/paths'
import styles from './portfolio.module.css'
import { OwnWords } from './profile-sections'
import { PortfolioVerdict, SkillList } from './skill-list'
import { TechnicalDetails } from './technical-details'

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

/** The page's skills: those vouched for by someone else (proven first), and the person's own words apart. */
function itemsOf(view: ActiveView, unknown: string) {
  const bound = view.cards.map((card, i) => ({ card, verdict: view.verdicts[i]!, result: view.result.credentials?.[i], known: view.knownIssuers[i] ?? null }))
  const apart = view.apart.cards.map((card, i) => ({ card, verdict: view.apart.verdicts[i]!, result: view.apart.results[i], known: view.apart.knownIssuers[i] ?? null }))
  const all = [...bound, ...apart].map((x) => {
    const standing = issuerStandingOfResult(x.result)
    return { ...x, standing, issuer: registryIssuerName(standing) ?? x.known ?? x.card.issuer.name ?? unknown }
  })
  const ownWords = all.filter((x) => x.verdict.kind === 'ownWords')
  const vouched = all.filter((x) => x.verdict.kind !== 'ownWords')
  // Proven first; the share's order otherwise (a stable sort).
  vouched.sort((x, y) => Number(y.verdict.kind === 'valid') - Number(x.verdict.kind === 'valid'))
  return { vouched, ownWords }
}

async function Portfolio({ view, token }: { view: ActiveView; token: string }) {
  const [t, tc, locale] = await Promise.all([getTranslations('portfolio.view'), getTranslations('portfolio'), getLocale()])
  const base = `/p/${token}`
  const { vouched, ownWords } = itemsOf(view, t('unknownIssuer'))
  const card = (x: (typeof vouched)[number]) => (
    <li key={x.card.id}>
      <CredentialCard
        card={x.card} t={tc} locale={locale} variant="full" headingLevel={3} verdict={x.verdict}
        issuerLabel={x.verdict.kind === 'ownWords' ? undefined : x.issuer}
        issuerStanding={x.standing}
        photo={x.card.hasPhoto ? { src: `${base}/photo/${credentialSegment(x.card.id)}`, alt: t('photoAlt', { title: x.card.title }) } : undefined}
      />
    </li>
  )
  const titles = {
    bound: view.cards.map((c) => displayTitle(c.title, c.language, locale)),
    apart: view.apart.cards.map((c) => displayTitle(c.title, c.language, locale)),
  }
  return (
    <main id="content" className="page">
      <header className={styles.who}>
        <p className={styles.eyebrow}>{t('eyebrow')}</p>
        <h1>{view.firstName}</h1>
        <PortfolioVerdict summary={view.summary} />
      </header>

      {vouched.length > 0 && (
        <section aria-labelledby="skills-title" className={styles.skillsSection}>
          <h2 id="skills-title" className="visually-hidden">{t('skillsTitle', { count: vouched.length })}</h2>
          <SkillList items={vouched} />
        </section>
      )}
      {view.cards.length === 0 && view.apart.cards.length === 0 && <p className="alert">{t('nothing')}</p>}

      <OwnWords profile={view.profile} about={view.about} holderName={view.firstName}>
        {ownWords.length > 0 && <ul className={styles.grid}>{ownWords.map(card)}</ul>}
      </OwnWords>

      {vouched.length > 0 && (
        <section aria-labelledby="details-title" className={styles.detailsSection}>
          <h2 id="details-title" className={styles.sectionTitle}>{t('detailsTitle')}</h2>
          <ul className={styles.grid}>{vouched.map(card)}</ul>
        </section>
      )}

      <div className={styles.limits}><DoesNotProve headingLevel={2} /></div>
      <TechnicalDetails view={view} base={base} titles={titles} />
      <p className={styles.muted}>{t('validUntil', { date: (await getFormatter()).dateTime(new Date(view.expiresAt), { dateStyle: 'long' }) })}</p>
    </main>
  )
}
