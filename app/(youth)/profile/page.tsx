import Link from 'next/link'
import type { Metadata } from 'next'
import { getFormatter, getLocale, getTranslations } from 'next-intl/server'
import { EscoAttribution } from '@/app/_components/esco-attribution'
import { requireRole } from '@/lib/auth/guards'
import { MAX_EXPERIENCES } from '@/lib/profile/schemas'
import { getProfile } from '@/lib/profile/service'
import { getRuntime } from '@/lib/runtime'
import { ExperienceList } from './_components/experience-list'
import { languageName } from './_components/language-name'
import { DirectoryLink } from './directory/directory-link'
import styles from './profile.module.css'
import { PageHeader } from '@/app/_components/page-header'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('profile'))('metaTitle'), robots: { index: false } }
}

export default async function ProfilePage() {
  const user = await requireRole('youth')
  const locale = await getLocale()
  const [profile, t, format] = await Promise.all([getProfile(await getRuntime(), user, locale), getTranslations('profile'), getFormatter()])
  const full = profile.experiences.length >= MAX_EXPERIENCES
  return (
    <main id="content" className="page page--narrow">
      <PageHeader title={t('title')} intro={t('intro')} />

      <section className={styles.section} aria-labelledby="path-title">
        <div className={styles.sectionHead}>
          <h2 id="path-title">{t('path.title')}</h2>
          {profile.experiences.length > 0 && !full && <Link className="button button--primary" href="/profile/experiences/new">{t('path.add')}</Link>}
        </div>
        {profile.experiences.length === 0 ? (
          <div className="empty-state">
            <h3>{t('path.empty.title')}</h3>
            <p>{t('path.empty.text')}</p>
            <p><Link className="button button--primary" href="/profile/experiences/new">{t('path.add')}</Link></p>
          </div>
        ) : (
          <>
            <p className={styles.meta}>{t('path.count', { count: profile.experiences.length })}</p>
            {full && <p className="alert">{t('path.limit', { max: MAX_EXPERIENCES })}</p>}
            <ExperienceList experiences={profile.experiences} t={t} format={format} headingLevel={3} editable />
          </>
        )}
      </section>

      <section className={`${styles.section} card`} aria-labelledby="goals-title">
        <div className={styles.sectionHead}>
          <h2 id="goals-title">{t('goals.title')}</h2>
          <Link className="button button--secondary" href="/profile/goals">{t('goals.edit')}</Link>
        </div>
        <dl className={styles.summary}>
          <dt>{t('goals.jobs')}</dt>
          <dd>
            {profile.goals.length === 0 ? t('goals.none') : (
              <ol>{profile.goals.map((g) => <li key={g.occupationUri ?? g.label}>{g.label}</li>)}</ol>
            )}
          </dd>
          <dt>{t('goals.region')}</dt>
          <dd>{profile.region || t('goals.noRegion')}</dd>
          <dt>{t('goals.availability')}</dt>
          <dd>{profile.availability ? t(`availability.${profile.availability}`) : t('goals.noRegion')}</dd>
          <dt>{t('goals.languages')}</dt>
          <dd>
            {profile.languages.length === 0 ? t('goals.noLanguages') : (
              <ul>{profile.languages.map((l) => <li key={l.code}>{t('languageLevel', { language: languageName(l.code, locale), level: t(`levels.${l.level}`) })}</li>)}</ul>
            )}
          </dd>
        </dl>
        {profile.goals.some((g) => g.occupationUri) && <EscoAttribution />}
      </section>
      <p className={styles.meta}>{t('ownWords')}</p>

      <DirectoryLink user={user} />
    </main>
  )
}
