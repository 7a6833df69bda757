import type { ReactNode } from 'react'
import { capitalise } from '@/lib/i18n/text'
import type { CardVerdict } from '@/lib/verification/card-verdict'
import type { IssuerStandingDto } from '@/lib/verification/issuer-standing'
import type { CredentialCardDto } from '@/lib/wallet/cards'
import { BadgePictogram } from './badge-pictogram'
import { EvidenceLevelNote, OtherIdentifierNote, VerdictMark } from './card-parts'
import { IssuerStandingNote } from './issuer-standing'
import { LevelMeter } from './level-meter'
import styles from './credential-card.module.css'

// A credential as a readable card. Server-safe (no async, no 'use client'), so it renders inside
// server AND client components: the caller PASSES IN the translator of the `portfolio` namespace
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
  /**
   * The card's own verdict (`cardVerdict` in lib/verification/card-verdict): its one mark. Without
   * it the card was not verified here (a wallet's list) and claims nothing beyond its dates.
   */
  verdict?: CardVerdict
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

export function CredentialCard({ card, t, locale, variant = 'summary', headingLevel = 3, href, issuerLabel, issuerStanding, photo, verdict, children }: CredentialCardProps) {
  const Heading = (['h1', 'h2', 'h3'] as const)[headingLevel - 1]!
  const Sub = (['h2', 'h3', 'h4'] as const)[headingLevel - 1]!
  const contentLang = card.language !== locale && card.language !== 'und' ? card.language : undefined
  const kind = ['skill-badge', 'work-experience'].includes(card.templateId) ? card.templateId : 'unknown'
  const full = variant === 'full'
  const shown = verdict ?? { kind: 'notChecked', status: card.status }
  // How the issuer knows is a fact only when the card's own checks passed (or it is a list's card
  // whose dates and recorded status are fine); otherwise it is what the document claims.
  const proven = shown.kind === 'valid' || shown.kind === 'ownWords' || shown.kind === 'preview' || (shown.kind === 'notChecked' && shown.status === 'valid')
  // A self-declared credential is the young person's own words: it never takes an issuer label
  // (no organisation vouches for it) nor the look of a checked one.
  const self = card.evidenceLevel === 'self_declared'
  const issuerName = issuerLabel ?? card.issuer.name ?? t('card.issuerNoName')
  const title = displayTitle(card.title, card.language, locale)
  return (
    <article className={`${styles.card} ${!proven ? styles.expired : ''} ${self ? styles.selfDeclared : ''}`} aria-labelledby={`card-${slug(card.id)}`} data-evidence-level={card.evidenceLevel ?? undefined} data-card-verdict={shown.kind}>
      <div className={styles.head}>
        <BadgePictogram skill={{ name: card.title, alignment: card.alignments }} size={44} className={styles.pictogram} />
        <div>
          <p className={styles.kind}>{t(`card.kind.${kind}`)}</p>
          <Heading id={`card-${slug(card.id)}`} className={styles.title} lang={contentLang}>
            {href ? <a href={href}>{title}</a> : title}
          </Heading>
        </div>
      </div>
      <VerdictMark verdict={shown} t={t} />
      {/* Since when withdrawn, and why: in the same place as the mark. */}
      {(card.status === 'revoked' || card.status === 'suspended' || card.status === 'notYetValid') && (card.statusSince || card.statusReason) && (
        <div className={styles.statusNote}>
          {card.statusSince && <p>{t(`card.statusSince.${card.status}`, { date: formatDate(card.statusSince, locale) })}</p>}
          {card.statusReason && <p>{t('card.statusReason', { reason: card.statusReason })}</p>}
        </div>
      )}
      {card.level && (
        <p className={styles.level}>
          {/* The meter says "Level 3 of 4: …" to a screen reader: the visible label is not read twice. */}
          <span className={styles.levelLabel} aria-hidden="true">{t('card.level')}</span>{' '}
          <LevelMeter level={card.level} lang={contentLang} />
        </p>
      )}
      {card.evidenceLevel && <EvidenceLevelNote level={card.evidenceLevel} proven={proven} t={t} />}
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
      {(card.hidden || card.imported) && (
        <p className={styles.badges}>
          {card.hidden && <span className="pill pill--unchecked">{t('card.hidden')}</span>}
          {card.imported && <span className="pill pill--info">{t('card.imported.label')}</span>}
        </p>
      )}
      {card.imported && (
        <p className={styles.importNote}>
          {t(`card.imported.${card.imported.verified ? 'verified' : 'notVerified'}`, { date: formatDate(card.imported.at, locale) })}
        </p>
      )}
      {card.otherIdentifier && <OtherIdentifierNote other={card.otherIdentifier} t={t} />}
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

function languageName(lang: string, t: Translate): string {
  return lang === 'fr' || lang === 'en' ? t(`card.languages.${lang}`) : lang
}

/** A skill's name for display: its first letter raised, in the language it was written in (lib/i18n/text). */
export function displayTitle(title: string, language: string, locale: string): string {
  return capitalise(title, language && language !== 'und' ? language : locale)
}

const slug = (id: string) => id.replace(/[^a-zA-Z0-9-]/g, '-')
