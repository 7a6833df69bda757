import Link from 'next/link'
import type { useFormatter, useTranslations } from 'next-intl'
import type { ExperienceDto } from '@/lib/profile/service'
import { credentialSegment } from '@/lib/wallet/paths'
import styles from '../profile.module.css'
import { monthLabel } from './period'

type T = ReturnType<typeof useTranslations<'profile'>>

/**
 * The path, newest first, each experience labelled by its kind. Used by the young person's own
 * page (with edit links and credentials) and by the recruiter's view of a share (read only).
 */
export function ExperienceList({ experiences, t, format, headingLevel, editable }: {
  experiences: (ExperienceDto & { credentials?: { id: string; title: string }[] })[]
  t: T
  format: ReturnType<typeof useFormatter>
  headingLevel: 2 | 3 | 4
  editable: boolean
}) {
  const Heading = `h${headingLevel}` as 'h2' | 'h3' | 'h4'
  return (
    <ul className={styles.list}>
      {experiences.map((e) => {
        const start = monthLabel(format, e.startedOn)
        return (
          <li key={e.id} className={`card ${styles.experience}`}>
            <p className={`pill pill--info`}>{t(`kinds.${e.kind}`)}</p>
            <Heading>{e.title}</Heading>
            <p className={styles.meta}>
              {e.endedOn === null ? t('path.ongoing', { start }) : t('path.period', { start, end: monthLabel(format, e.endedOn) })}
            </p>
            {e.place && <p className={styles.meta}>{t('path.place', { place: e.place })}</p>}
            {(e.whatIDid || e.whatILearned) && (
              <dl className={styles.words}>
                {e.whatIDid && <><dt>{t('path.whatIDid')}</dt><dd>{e.whatIDid}</dd></>}
                {e.whatILearned && <><dt>{t('path.whatILearned')}</dt><dd>{e.whatILearned}</dd></>}
              </dl>
            )}
            {editable && e.credentials && e.credentials.length > 0 && (
              <>
                <p className={styles.words}><strong>{t('path.credentials')}</strong></p>
                <ul className={styles.linked}>
                  {e.credentials.map((c) => <li key={c.id}><Link href={`/wallet/${credentialSegment(c.id)}`}>{c.title}</Link></li>)}
                </ul>
              </>
            )}
            {editable && (
              <Link className={styles.editLink} href={`/profile/experiences/${e.id}`} aria-label={t('path.editLabel', { title: e.title })}>
                {t('path.edit')}
              </Link>
            )}
          </li>
        )
      })}
    </ul>
  )
}
