import { getFormatter, getLocale, getTranslations } from 'next-intl/server'
import { EscoAttribution } from '@/app/_components/esco-attribution'
import { ExperienceList } from '@/app/(youth)/profile/_components/experience-list'
import { languageName } from '@/app/(youth)/profile/_components/language-name'
import type { SharedProfile } from '@/lib/profile/service'
import styles from './portfolio.module.css'

/**
 * The profile sections the young person chose to share: plain text in their own words, set apart
 * from the verified credentials and said to be unverified.
 */
export async function ProfileSections({ profile, holderName }: { profile: SharedProfile; holderName: string }) {
  if (profile.sections.length === 0) return null
  const [t, format, locale] = await Promise.all([getTranslations('profile'), getFormatter(), getLocale()])
  const empty = <p className={styles.muted}>{t('public.empty')}</p>
  return (
    <section className={`card ${styles.ownWords}`} aria-labelledby="own-words-title" data-testid="own-words">
      <h2 id="own-words-title">{t('public.title', { name: holderName })}</h2>
      <p className="alert">{t('public.notVerified', { name: holderName })}</p>
      {profile.path && (
        <section aria-labelledby="own-path-title">
          <h3 id="own-path-title">{t('public.path')}</h3>
          {profile.path.length ? <ExperienceList experiences={profile.path} t={t} format={format} headingLevel={4} editable={false} /> : empty}
        </section>
      )}
      {profile.goals && (
        <section aria-labelledby="own-goals-title">
          <h3 id="own-goals-title">{t('public.goals')}</h3>
          {profile.goals.length ? <ol>{profile.goals.map((g) => <li key={g.occupationUri ?? g.label}>{g.label}</li>)}</ol> : empty}
          {profile.goals.some((g) => g.occupationUri) && <EscoAttribution />}
        </section>
      )}
      {profile.languages && (
        <section aria-labelledby="own-languages-title">
          <h3 id="own-languages-title">{t('public.languages')}</h3>
          {profile.languages.length ? (
            <ul>{profile.languages.map((l) => <li key={l.code}>{t('languageLevel', { language: languageName(l.code, locale), level: t(`levels.${l.level}`) })}</li>)}</ul>
          ) : empty}
        </section>
      )}
      {profile.availability && (
        <section aria-labelledby="own-availability-title">
          <h3 id="own-availability-title">{t('public.availability')}</h3>
          {profile.availability.availability || profile.availability.region ? (
            <>
              {profile.availability.availability && <p>{t(`availability.${profile.availability.availability}`)}</p>}
              {profile.availability.region && <p>{t('public.region', { region: profile.availability.region })}</p>}
            </>
          ) : empty}
        </section>
      )}
    </section>
  )
}
