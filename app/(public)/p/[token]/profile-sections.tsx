import type { ReactNode } from 'react'
import { getFormatter, getLocale, getTranslations } from 'next-intl/server'
import { EscoAttribution } from '@/app/_components/esco-attribution'
import { ExperienceList } from '@/app/(youth)/profile/_components/experience-list'
import { languageName } from '@/app/(youth)/profile/_components/language-name'
import { hasOwnWords } from '@/lib/portfolio/view'
import type { SharedProfile } from '@/lib/profile/service'
import styles from './portfolio.module.css'

/**
 * The young person's own words: what they wrote about themself, their path, goals, languages and
 * availability — only the sections with content, labelled plainly as theirs (no organisation signs
 * them), never with a "not verified" verdict: nothing was claimed to be checked. `children`: their
 * self-declared badges, after the rest.
 */
export async function OwnWords({ profile, about, holderName, children }: { profile: SharedProfile; about: string; holderName: string; children?: ReactNode }) {
  // The view model keeps only the sections with content (lib/portfolio/view: filledProfile).
  const filled = profile
  if (!about && !hasOwnWords(filled) && !children) return null
  const [t, tv, format, locale] = await Promise.all([getTranslations('profile'), getTranslations('portfolio.view.ownWords'), getFormatter(), getLocale()])
  return (
    <section className={`card ${styles.ownWords}`} aria-labelledby="own-words-title" data-testid="own-words">
      <h2 id="own-words-title">{tv('title')}</h2>
      <p className={styles.muted}>{tv('lead', { name: holderName })}</p>
      {about && (
        <figure className={styles.about}>
          <blockquote><p>{about}</p></blockquote>
        </figure>
      )}
      {filled.path && (
        <section aria-labelledby="own-path-title">
          <h3 id="own-path-title">{t('public.path')}</h3>
          <ExperienceList experiences={filled.path} t={t} format={format} headingLevel={4} editable={false} />
        </section>
      )}
      {filled.goals && (
        <section aria-labelledby="own-goals-title">
          <h3 id="own-goals-title">{t('public.goals')}</h3>
          <ol>{filled.goals.map((g) => <li key={g.occupationUri ?? g.label}>{g.label}</li>)}</ol>
          {filled.goals.some((g) => g.occupationUri) && <EscoAttribution />}
        </section>
      )}
      {filled.languages && (
        <section aria-labelledby="own-languages-title">
          <h3 id="own-languages-title">{t('public.languages')}</h3>
          <ul>{filled.languages.map((l) => <li key={l.code}>{t('languageLevel', { language: languageName(l.code, locale), level: t(`levels.${l.level}`) })}</li>)}</ul>
        </section>
      )}
      {filled.availability && (
        <section aria-labelledby="own-availability-title">
          <h3 id="own-availability-title">{t('public.availability')}</h3>
          {filled.availability.availability && <p>{t(`availability.${filled.availability.availability}`)}</p>}
          {filled.availability.region && <p>{t('public.region', { region: filled.availability.region })}</p>}
        </section>
      )}
      {children}
    </section>
  )
}
