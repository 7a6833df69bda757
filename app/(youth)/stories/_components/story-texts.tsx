import { useTranslations } from 'next-intl'
import type { StoryTexts as Texts } from '@/lib/stories/service'
import styles from '../stories.module.css'

const PARTS = ['situation', 'whatIDid', 'outcome'] as const

/**
 * The three parts of a story (and its skill, when two versions are compared), kept as written:
 * line breaks shown. With `changedFrom`, the parts that differ from it are marked in words.
 */
export function StoryTexts({ story, headingLevel, showSkill = false, changedFrom }: {
  story: Texts
  headingLevel: 2 | 3 | 4
  showSkill?: boolean
  changedFrom?: Texts
}) {
  const t = useTranslations('stories')
  const H = `h${headingLevel}` as const
  const part = (key: keyof Texts, title: string) => (
    <div key={key}>
      <H className={styles.partTitle}>
        {title}
        {changedFrom && changedFrom[key] !== story[key] && <span className={styles.changed}>{t('proposal.changed')}</span>}
      </H>
      <p className={styles.partText}>{story[key] || '—'}</p>
    </div>
  )
  return (
    <div className={styles.texts}>
      {showSkill && part('skillLabel', t('proposal.skill'))}
      {PARTS.map((p) => part(p, t(`detail.${p}`)))}
    </div>
  )
}
