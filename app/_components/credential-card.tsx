import type { ReactNode } from 'react'
import type { IssuerStandingDto } from '@/lib/verification/issuer-standing'
import type { CredentialCardDto } from '@/lib/wallet/cards'
import { IssuerStandingNote } from './issuer-standing'
import styles from './credential-card.module.css'

// A credential as a readable card. Server-safe and hook-free, so it renders inside server AND
// client components: the caller PASSES IN the translator of the `portfolio` namespace
// (`await getTranslations('portfolio')` on the server, `useTranslations('portfolio')` in a client
// component) and the UI locale (`getLocale()` / `useLocale()`).
// Labels are in the UI language; the credential's own words (skill, level, criteria, evidence,
// tasks) stay in the language they were signed in, marked with `lang` when it differs.

export type Translate = (key: string, values?: Record<string, string | number | Date>) => string

export interface CredentialCardProps {
  card: CredentialCardDto
  /** Translator of the `portfolio` namespace. */
  t: Translate
  /** The UI locale ('fr' | 'en'), for dates and labels. */
  locale: string
  /** 'summary' for lists (skill, level, issuer, date, evidence, status); 'full' adds criteria, work details, alignments. */
  variant?: 'summary' | 'full'
  /** The title's heading level (1 on a page of its own); the card's sections get the next one. */
  headingLevel?: 1 | 2 | 3
  /** Makes the title a link (the wallet list → the detail page). */
  href?: string
  /** Replaces the issuer name written in the credential (e.g. the verified organisation, or "unknown issuer"). */
  issuerLabel?: string
  /** Where the issuer stands in the registry of trusted issuers (from the verification's `issuer` check): shown under the facts. */
  issuerStanding?: IssuerStandingDto
  /** An evidence photo to show (full variant). */
  photo?: { src: string; alt: string }
  /** Actions or a verification summary, under the card's content. */
  children?: ReactNode
}

/** Credentials state their dates in UTC (…T23:59:59Z is "until 31 December"): shown in UTC so they do not shift a day. */
const formatDate = (iso: string, locale: string, timeZone = 'UTC') => {
  const d = new Date(iso)
  return Number.isNaN(d.getTime()) ? iso : new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone }).format(d)
}
/** Calendar dates (YYYY-MM-DD): days, not instants. */
const formatDay = (day: string, locale: string) => formatDate(`${day}T00:00:00Z`, locale)

export function CredentialCard({ card, t, locale, variant = 'summary', headingLevel = 3, href, issuerLabel, issuerStanding, photo, children }: CredentialCardProps) {
  const Heading = (['h1', 'h2', 'h3'] as const)[headingLevel - 1]!
  const Sub = (['h2', 'h3', 'h4'] as const)[headingLevel - 1]!
  const contentLang = card.language !== locale && card.language !== 'und' ? card.language : undefined
  const kind = ['skill-badge', 'work-experience'].includes(card.templateId) ? card.templateId : 'unknown'
  const full = variant === 'full'
  // A self-declared credential is the young person's own words: it never takes an issuer label
  // (no organisation vouches for it) nor the look of a checked one.
  const self = card.evidenceLevel === 'self_declared'
  const issuerName = issuerLabel ?? card.issuer.name ?? t('card.issuerNoName')
  return (
    <article className={`${styles.card} ${card.status !== 'valid' ? styles.expired : ''} ${self ? styles.selfDeclared : ''}`} aria-labelledby={`card-${slug(card.id)}`} data-evidence-level={card.evidenceLevel ?? undefined}>
      <p className={styles.kind}>{t(`card.kind.${kind}`)}</p>
      <Heading id={`card-${slug(card.id)}`} className={styles.title} lang={contentLang}>
        {href ? <a href={href}>{card.title}</a> : card.title}
      </Heading>
      {card.level && (
        <p className={styles.level}>
          <span>{t('card.level')}</span>{' '}
          <strong lang={contentLang}>{card.level.label}</strong>
        </p>
      )}
      {card.evidenceLevel && <EvidenceLevelNote level={card.evidenceLevel} issuer={issuerName} t={t} />}
      {card.work && <WorkFacts card={card} t={t} locale={locale} lang={contentLang} full={full} Sub={Sub} />}
      <dl className={styles.facts}>
        <div>
          <dt>{t(self ? 'card.writtenBy' : 'card.issuer')}</dt>
          <dd>{self ? (card.issuer.name ? t('card.selfIssuer', { name: card.issuer.name }) : t('card.selfIssuerNoName')) : issuerName}</dd>
        </div>
        <div>
          <dt>{t('card.issuedOn')}</dt>
          <dd>{card.issuedAt ? formatDate(card.issuedAt, locale) : '—'}</dd>
        </div>
        {card.validUntil && (
          <div>
            <dt>{t('card.validUntil')}</dt>
            <dd>{formatDate(card.validUntil, locale)}</dd>
          </div>
        )}
      </dl>
      {issuerStanding && <IssuerStandingNote standing={issuerStanding} t={t} locale={locale} />}
      <p className={styles.badges}>
        <span className={`pill ${self && card.status === 'valid' ? 'pill--unchecked' : PILL[card.status]}`}>
          <StatusIcon status={card.status} neutral={self} />
          {t(`card.status.${card.status}`)}
        </span>
        {card.hidden && <span className="pill pill--unchecked">{t('card.hidden')}</span>}
        {card.imported && <span className="pill pill--info">{t('card.imported.label')}</span>}
      </p>
      {card.imported && (
        <p className={styles.importNote}>
          {t(`card.imported.${card.imported.verified ? 'verified' : 'notVerified'}`, { date: formatDate(card.imported.at, locale) })}
        </p>
      )}
      {card.otherIdentifier && <OtherIdentifierNote other={card.otherIdentifier} t={t} />}
      {(card.status === 'revoked' || card.status === 'suspended' || card.status === 'notYetValid') && (
        <div className={styles.statusNote}>
          {card.statusSince && <p>{t(`card.statusSince.${card.status}`, { date: formatDate(card.statusSince, locale) })}</p>}
          {card.statusReason && <p>{t('card.statusReason', { reason: card.statusReason })}</p>}
        </div>
      )}
      {full && card.criteria && !card.work && (
        <section className={styles.section}>
          <Sub>{t('card.criteria')}</Sub>
          <p lang={contentLang} className={styles.text}>{card.criteria}</p>
        </section>
      )}
      {(card.evidence.length > 0 || (full && photo)) && (
        <section className={styles.section}>
          <Sub>{t('card.evidence')}</Sub>
          <ul className={styles.evidence}>
            {card.evidence.map((e, i) => (
              <li key={i} lang={contentLang}>
                {e.name && <strong>{e.name}{e.narrative ? ' — ' : ''}</strong>}
                {e.narrative}
                {e.url && full && <> <a href={e.url} rel="noopener noreferrer nofollow" lang={contentLang ? locale : undefined}>{t('card.evidenceLink')}</a></>}
              </li>
            ))}
          </ul>
          {full && photo && (
            <figure className={styles.photo}>
              {/* eslint-disable-next-line @next/next/no-img-element -- a private, per-user image behind a guard */}
              <img src={photo.src} alt={photo.alt} loading="lazy" />
              <figcaption>{t('card.evidencePhoto')}</figcaption>
            </figure>
          )}
        </section>
      )}
      {full && card.alignments.length > 0 && (
        <section className={styles.section}>
          <Sub>{t('card.alignments')}</Sub>
          <ul className={styles.alignments}>
            {card.alignments.map((a) => (
              <li key={a.targetUrl + (a.targetCode ?? '')}>
                {/* The URL comes from the signed document, which may come from anywhere: only http(s) becomes a link. */}
                {/^https?:\/\//i.test(a.targetUrl)
                  ? <a href={a.targetUrl} rel="noopener noreferrer nofollow" lang={contentLang}>{a.targetName}</a>
                  : <span lang={contentLang}>{a.targetName}</span>}
                {a.targetCode && <span className={styles.muted}> ({t('card.keyCompetence', { code: a.targetCode })})</span>}
              </li>
            ))}
          </ul>
        </section>
      )}
      {full && contentLang && (
        <p className={styles.muted}>{t('card.writtenIn', { language: languageName(card.language, t) })}</p>
      )}
      {children && <div className={styles.footer}>{children}</div>}
    </article>
  )
}

/**
 * How the issuer knows (the credential's evidence rubric), in plain words. Each level has its own
 * shape; self-declared is dashed and neutral, never the look of something an organisation checked.
 */
function EvidenceLevelNote({ level, issuer, t }: { level: NonNullable<CredentialCardDto['evidenceLevel']>; issuer: string; t: Translate }) {
  return (
    <p className={`${styles.evidenceLevel} ${EVIDENCE_CLASS[level]}`} data-evidence-level={level}>
      <EvidenceIcon level={level} />
      <span>
        <span className="visually-hidden">{t('card.evidenceLevel.label')} </span>
        <strong>{t(`card.evidenceLevel.${level}.title`)}</strong>
        {' — '}
        {t(`card.evidenceLevel.${level}.text`, { issuer })}
      </span>
    </p>
  )
}

const EVIDENCE_CLASS: Record<NonNullable<CredentialCardDto['evidenceLevel']>, string> = {
  assessed: styles.assessed!, witnessed: styles.witnessed!, self_declared: styles.selfDeclaredLevel!,
}

/** A ruler for assessed, an eye for witnessed, a speech bubble for self-declared: never colour alone. */
function EvidenceIcon({ level }: { level: NonNullable<CredentialCardDto['evidenceLevel']> }) {
  return (
    <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      {level === 'assessed' && <><rect x="2" y="5" width="12" height="6" rx="1" fill="none" stroke="currentColor" strokeWidth="1.5" /><path d="M5 5v3M8 5v2M11 5v3" stroke="currentColor" strokeWidth="1.3" /></>}
      {level === 'witnessed' && <><path d="M1.5 8s2.5-4.5 6.5-4.5S14.5 8 14.5 8 12 12.5 8 12.5 1.5 8 1.5 8z" fill="none" stroke="currentColor" strokeWidth="1.4" /><circle cx="8" cy="8" r="2" fill="currentColor" /></>}
      {level === 'self_declared' && <path d="M2.5 3.5h11v7h-6l-3 2.5v-2.5h-2z" fill="none" stroke="currentColor" strokeWidth="1.4" strokeLinejoin="round" />}
    </svg>
  )
}

/**
 * The credential names another identifier than its holder's (or none): say so, with both. Linked
 * (the holder proved that identifier is theirs, decision 021) it says so instead; shown apart from
 * a portfolio's proven credentials ('unconfirmed') it says plainly that it cannot be confirmed as theirs.
 */
function OtherIdentifierNote({ other, t }: { other: NonNullable<CredentialCardDto['otherIdentifier']>; t: Translate }) {
  const prefix = other.binding === 'linked' ? 'linked' : other.binding === 'unconfirmed' ? 'unconfirmed' : ''
  const key = (name: string) => `card.otherIdentifier.${prefix ? `${prefix}${name[0]!.toUpperCase()}${name.slice(1)}` : name}`
  return (
    <div className={styles.otherIdentifier} data-other-identifier={other.binding ?? ''}>
      <p className={styles.otherTitle}>{t(key(other.subject ? 'title' : 'noneTitle'))}</p>
      <p>{other.subject ? t(key('text'), { subject: other.subject, holder: other.holder }) : t(key('none'), { holder: other.holder })}</p>
    </div>
  )
}

function WorkFacts({ card, t, locale, lang, full, Sub }: { card: CredentialCardDto; t: Translate; locale: string; lang?: string; full: boolean; Sub: 'h2' | 'h3' | 'h4' }) {
  const work = card.work!
  const period = work.period.end
    ? t('card.periodRange', { start: formatDay(work.period.start, locale), end: formatDay(work.period.end, locale) })
    : t('card.periodSince', { start: formatDay(work.period.start, locale) })
  return (
    <>
      <dl className={styles.facts}>
        <div><dt>{t('card.role')}</dt><dd lang={lang}>{work.role}</dd></div>
        <div><dt>{t('card.place')}</dt><dd lang={lang}>{work.place.name}{work.place.locality ? ` (${work.place.locality})` : ''}</dd></div>
        <div><dt>{t('card.period')}</dt><dd>{period}</dd></div>
      </dl>
      {full && work.tasks.length > 0 && (
        <section className={styles.section}>
          <Sub>{t('card.tasks')}</Sub>
          <ul className={styles.tasks} lang={lang}>
            {work.tasks.map((task, i) => <li key={i}>{task}</li>)}
          </ul>
        </section>
      )}
    </>
  )
}

const PILL: Record<CredentialCardDto['status'], string> = {
  valid: 'pill--passed', expired: 'pill--failed', notYetValid: 'pill--failed', suspended: 'pill--unchecked', revoked: 'pill--failed',
}

/** A distinct shape per status, so that it never rests on colour alone. `neutral`: a self-declared card's "valid" is a dot, not a tick. */
function StatusIcon({ status, neutral = false }: { status: CredentialCardDto['status']; neutral?: boolean }) {
  return (
    <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      {status === 'valid' && neutral && <circle cx="8" cy="8" r="3" fill="currentColor" />}
      {status === 'valid' && !neutral && <path d="M3.5 8.5l3 3 6-7" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" />}
      {status === 'expired' && <><circle cx="8" cy="8" r="6" fill="none" stroke="currentColor" strokeWidth="1.8" /><path d="M8 4.5V8l2.5 1.5" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" /></>}
      {status === 'notYetValid' && <path d="M4.5 2.5h7M4.5 13.5h7M5.5 2.5c0 3 5 3 5 5.5s-5 2.5-5 5.5M10.5 2.5c0 3-5 3-5 5.5s5 2.5 5 5.5" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />}
      {status === 'suspended' && <path d="M5.5 3.5v9M10.5 3.5v9" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" />}
      {status === 'revoked' && <path d="M4 4l8 8M12 4l-8 8" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />}
    </svg>
  )
}

function languageName(lang: string, t: Translate): string {
  return lang === 'fr' || lang === 'en' ? t(`card.languages.${lang}`) : lang
}

const slug = (id: string) => id.replace(/[^a-zA-Z0-9-]/g, '-')
