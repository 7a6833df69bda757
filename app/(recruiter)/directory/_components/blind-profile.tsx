import Link from 'next/link'
import { getLocale, getTranslations } from 'next-intl/server'
import { languageName } from '@/app/(youth)/profile/_components/language-name'
import type { BlindProfileDto, BlindSkillDto, IssuerDto } from '@/lib/directory/service'
import { SKILL_LEVELS } from '@/lib/directory/skill-rows'
import { capitalise } from '@/lib/i18n/text'
import styles from '../directory.module.css'

// A blind profile, as a result card or in full. The same component renders the recruiter's view
// and the young person's own preview, so the preview is exactly what recruiters see.

const CARD_SKILLS = 5

const PILL: Record<string, string> = { assessed: 'pill--passed', witnessed: 'pill--info', self_declared: 'pill--unchecked', none: 'pill--unchecked' }

type T = Awaited<ReturnType<typeof getTranslations<'directory'>>>
type TC = Awaited<ReturnType<typeof getTranslations<'common'>>>

function issuerText(t: T, issuer: IssuerDto): string {
  if (issuer.kind === 'organisation') return t('issuer.organisation', { name: issuer.name })
  if (issuer.kind === 'registry') return t('issuer.registry', { name: issuer.name })
  return t(`issuer.${issuer.kind}`)
}

/** The evidence word, defined once in `common.evidence` ("not stated" when the credential says nothing). */
const evidenceWord = (t: T, tc: TC, level: BlindSkillDto['bestLevel']) => (level ? tc(`evidence.${level}.term`) : t('levels.none'))

function Skill({ skill, t, tc, full, locale }: { skill: BlindSkillDto; t: T; tc: TC; full: boolean; locale: string }) {
  const sources = full ? skill.sources : skill.sources.slice(0, 1)
  const step = skill.skillLevel ? SKILL_LEVELS.indexOf(skill.skillLevel) + 1 : 0
  return (
    <li className={`${styles.skill}${skill.matches ? ` ${styles.match}` : ''}`}>
      <span className={styles.skillLabel}>{capitalise(skill.label, locale)}</span>
      {skill.matches && <span className="visually-hidden"> ({t('card.matches')})</span>}
      {skill.skillLevel && (
        <span className={styles.skillLevel} data-level-step={step}>
          <span className={styles.levelBars} aria-hidden="true">
            {SKILL_LEVELS.map((l, i) => <span key={l} className={i < step ? styles.levelOn : styles.levelOff} />)}
          </span>
          <span>{tc('levels.meter', { step, name: tc(`levels.${skill.skillLevel}`) })}</span>
        </span>
      )}
      <ul className={styles.sources}>
        {sources.map((s, i) => (
          <li key={i}>
            <span className={`pill ${PILL[s.level ?? 'none']}`}>{evidenceWord(t, tc, s.level)}</span>{' '}
            <span className={styles.issuer}>{issuerText(t, s.issuer)}</span>
          </li>
        ))}
      </ul>
    </li>
  )
}

export async function BlindProfile({ profile, variant, href, headingLevel = 2 }: {
  profile: BlindProfileDto
  variant: 'card' | 'full'
  /** The card's link to the full profile. */
  href?: string
  headingLevel?: 1 | 2 | 3
}) {
  const [t, tp, tc, locale] = await Promise.all([getTranslations('directory'), getTranslations('profile'), getTranslations('common'), getLocale()])
  const full = variant === 'full'
  const Heading = `h${headingLevel}` as 'h1' | 'h2' | 'h3'
  const Sub = `h${headingLevel + 1}` as 'h2' | 'h3' | 'h4'
  const title = profile.handle ? t('card.handle', { handle: profile.handle }) : t('card.handlePending')
  const skills = full ? profile.skills : profile.skills.slice(0, CARD_SKILLS)
  return (
    <article className={`card ${styles.profile}`} aria-label={title}>
      <Heading className={profile.handle ? styles.handle : styles.handlePending}>
        {href ? <Link href={href}>{title}</Link> : title}
      </Heading>
      <dl className={styles.facts}>
        <div><dt>{t('card.regionLabel')}</dt> <dd>{profile.region ?? t('card.regionNotGiven')}</dd></div>
        <div><dt>{t('card.availabilityLabel')}</dt> <dd>{profile.availability ? tp(`availability.${profile.availability}`) : t('card.availabilityNotGiven')}</dd></div>
      </dl>
      <Sub className={styles.subhead}>{t('card.skills')}</Sub>
      {skills.length === 0 ? <p className={styles.muted}>{t('results.noSkills')}</p> : (
        <ul className={styles.skills}>{skills.map((s) => <Skill key={s.uri} skill={s} t={t} tc={tc} full={full} locale={locale} />)}</ul>
      )}
      {!full && profile.skills.length > CARD_SKILLS && <p className={styles.muted}>{t('results.moreSkills', { count: profile.skills.length - CARD_SKILLS })}</p>}
      <dl className={styles.more}>
        <dt>{t('card.goals')}</dt>
        <dd>{profile.goals.length ? profile.goals.join(' · ') : t('card.notGiven')}</dd>
        <dt>{t('card.languages')}</dt>
        <dd>{profile.languages.length ? profile.languages.map((l) => tp('languageLevel', { language: languageName(l.code, locale), level: tp(`levels.${l.level}`) })).join(' · ') : t('card.notGiven')}</dd>
      </dl>
    </article>
  )
}
