import { useTranslations } from 'next-intl'
import type { CardLevel } from '@/lib/wallet/cards'
import styles from './level-meter.module.css'

// A skill's level as four steps (issue 12, point 6), in the words defined once in `common.levels`.
// Uses next-intl's hook without 'use client': renders in server and client components alike.

const STEPS = ['discovering', 'practising', 'autonomous', 'expert'] as const
type Step = (typeof STEPS)[number]

/** The step of one of our rubric's levels (`urn:tremplin:level:autonomous`), or null for another issuer's. */
export function levelStep(level: Pick<CardLevel, 'id'>): Step | null {
  const name = level.id.split(':').pop() ?? ''
  return (STEPS as readonly string[]).includes(name) ? (name as Step) : null
}

/**
 * Four segments, the first `step` filled, and the level's name beside them (never the segments
 * alone). A level this rubric does not know is shown in its own words, without a meter.
 */
export function LevelMeter({ level, lang }: { level: CardLevel; /** The credential's language, for a level in its own words. */ lang?: string }) {
  const t = useTranslations('common.levels')
  const step = levelStep(level)
  if (!step) {
    return <span className={styles.meter}><span className="visually-hidden">{t('label')} : </span><span lang={lang} className={styles.name}>{level.label}</span></span>
  }
  const n = STEPS.indexOf(step) + 1
  return (
    <span className={styles.meter} data-level-step={n}>
      <span className={styles.bars} aria-hidden="true">
        {STEPS.map((s, i) => <span key={s} className={i < n ? styles.on : styles.off} />)}
      </span>
      <span className="visually-hidden">{t('meter', { step: n, name: t(step) })}</span>
      <span className={styles.name} aria-hidden="true">{t(step)}</span>
    </span>
  )
}
