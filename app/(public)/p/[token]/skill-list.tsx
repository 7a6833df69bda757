import { getFormatter, getLocale, getTranslations } from 'next-intl/server'
import { BadgePictogram } from '@/app/_components/badge-pictogram'
import { displayTitle } from '@/app/_components/credential-card'
import { LevelMeter } from '@/app/_components/level-meter'
import type { CardVerdict } from '@/lib/verification/card-verdict'
import type { IssuerStandingDto } from '@/lib/verification/issuer-standing'
import type { PortfolioSummary } from '@/lib/portfolio/view'
import type { CredentialCardDto } from '@/lib/wallet/cards'
import styles from './portfolio.module.css'

// The recruiter's first screen (issue 12, point 1): one verdict in words, then the skills as a
// compact list — skill, level, how the organisation knows, who vouches and since when — each with
// ONE mark, and whatever did not check out said on the skill's own line.

export interface SkillItem {
  card: CredentialCardDto
  verdict: CardVerdict
  /** The organisation as the registry names it (or as written in the credential). */
  issuer: string
  standing: IssuerStandingDto
}

/** "Skills checked: 4 of 4", with one icon; never the young person's own words as a verdict. */
export async function PortfolioVerdict({ summary }: { summary: PortfolioSummary }) {
  const t = await getTranslations('portfolio.view.verdict')
  const all = summary.shown > 0 && summary.proven === summary.shown
  const look = all ? styles.verdictOk : summary.shown === 0 ? styles.verdictNeutral : styles.verdictBad
  const missing = summary.shown - summary.proven
  return (
    <div className={`${styles.verdictLine} ${look}`} data-portfolio-verdict={all ? 'all' : summary.shown === 0 ? 'none' : 'some'}>
      <VerdictIcon kind={all ? 'ok' : summary.shown === 0 ? 'none' : 'bad'} />
      <div>
        <p className={styles.verdictTitle}>
          {summary.shown === 0 ? t('noneTitle') : t('title', { proven: summary.proven, shown: summary.shown })}
        </p>
        <p className={styles.verdictText}>
          {summary.shown === 0 ? t('noneText', { count: summary.ownWords }) : all ? t('allText') : t('someText', { count: missing })}
        </p>
      </div>
    </div>
  )
}

export async function SkillList({ items }: { items: SkillItem[] }) {
  const [t, format, locale] = await Promise.all([getTranslations('portfolio'), getFormatter(), getLocale()])
  const tc = await getTranslations('common.evidence')
  return (
    <ul className={styles.skills} data-testid="proven-skills">
      {items.map(({ card, verdict, issuer, standing }) => {
        const ok = verdict.kind === 'valid'
        const lang = card.language !== locale && card.language !== 'und' ? card.language : undefined
        const date = card.issuedAt && !Number.isNaN(new Date(card.issuedAt).getTime())
          ? format.dateTime(new Date(card.issuedAt), { month: 'short', year: 'numeric', timeZone: 'UTC' }) : null
        return (
          <li key={card.id} className={`${styles.skill} ${ok ? '' : styles.skillBad}`} data-card-verdict={verdict.kind}>
            {/* The skill's pictogram with its one mark on its corner. */}
            <span className={styles.skillVisual}>
              <BadgePictogram skill={{ name: card.title, alignment: card.alignments }} size={36} />
              <span className={styles.skillMark}><VerdictIcon kind={ok ? 'ok' : verdict.kind === 'notValid' && verdict.severity === 'unchecked' ? 'unsure' : 'bad'} /></span>
            </span>
            <div className={styles.skillBody}>
              <h3 className={styles.skillTitle} lang={lang}>
                {displayTitle(card.title, card.language, locale)}
                <span className="visually-hidden"> — {ok ? t('verdict.valid') : verdict.kind === 'notValid' ? t(`verdict.notValid.${verdict.severity}`) : ''}</span>
              </h3>
              {(card.level || (ok && card.evidenceLevel)) && (
                <p className={styles.skillFacts}>
                  {card.level && <LevelMeter level={card.level} lang={lang} />}
                  {ok && card.evidenceLevel && <span className={styles.evidenceTerm}>{tc(`${card.evidenceLevel}.term`)}</span>}
                </p>
              )}
              <p className={styles.vouch}>
                {date ? t('view.row.vouchedOn', { issuer, date }) : t('view.row.vouched', { issuer })}
                {ok && standing.standing === 'platform' && <> {t('view.row.standing.platform')}</>}
                {ok && standing.standing === 'external' && <> {t('view.row.standing.external', { registry: standing.registry })}</>}
              </p>
              {verdict.kind === 'notValid' && (
                <ul className={styles.skillProblems}>
                  {verdict.problems.map((p) => <li key={p} data-problem={p}>{t(`verdict.problems.${p}`)}</li>)}
                </ul>
              )}
            </div>
          </li>
        )
      })}
    </ul>
  )
}

/** ✓ checked, ✗ did not check out, ? not confirmed, – nothing vouched for: shapes, not colour alone. */
export function VerdictIcon({ kind }: { kind: 'ok' | 'bad' | 'unsure' | 'none' }) {
  return (
    <svg viewBox="0 0 16 16" width="20" height="20" aria-hidden="true" focusable="false">
      {kind === 'ok' && <path d="M3.5 8.5l3 3 6-7" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" strokeLinejoin="round" />}
      {kind === 'bad' && <path d="M4 4l8 8M12 4l-8 8" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" />}
      {kind === 'unsure' && <><path d="M5.5 6a2.5 2.5 0 1 1 3.5 2.3c-.6.3-1 .8-1 1.4V10.5" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" /><circle cx="8" cy="13" r="1" fill="currentColor" /></>}
      {kind === 'none' && <path d="M4 8h8" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" />}
    </svg>
  )
}
