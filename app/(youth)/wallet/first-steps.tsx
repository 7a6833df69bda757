import Link from 'next/link'
import type { getTranslations } from 'next-intl/server'
import type { FirstSteps } from '@/lib/wallet/first-steps'
import styles from './first-steps.module.css'

type T = Awaited<ReturnType<typeof getTranslations<'wallet'>>>

const STEPS = [
  { key: 'path', href: '/profile/experiences/new' },
  { key: 'attestation', href: '/stories/new' },
  { key: 'share', href: '/wallet/shares/new' },
] as const

/**
 * The wallet's first screen after activation: three steps in simple words, each ticked once done
 * (lib/wallet/first-steps). The page shows it only while one is left.
 */
export function FirstStepsChecklist({ steps, t }: { steps: FirstSteps; t: T }) {
  const done = STEPS.filter((s) => steps[s.key]).length
  return (
    <section className={styles.box} aria-labelledby="first-steps-title">
      <h2 id="first-steps-title" className={styles.title}>{t('checklist.title')}</h2>
      <p className={styles.progress}>{t('checklist.progress', { done })}</p>
      <ol className={styles.list}>
        {STEPS.map((step, i) => (
          <li key={step.key} className={styles.item} data-done={steps[step.key] || undefined}>
            <Link href={step.href} className={styles.link}>
              <span className={styles.mark} aria-hidden="true">{steps[step.key] ? <Tick /> : i + 1}</span>
              <span className={styles.label}>{t(`checklist.${step.key}.label`)}</span>
              {' '}
              {steps[step.key]
                ? <span className={styles.done}>{t('checklist.done')}</span>
                : <span className="visually-hidden">{t('checklist.todo')}</span>}
            </Link>
            <p className={styles.hint}>{t(`checklist.${step.key}.hint`)}</p>
          </li>
        ))}
      </ol>
    </section>
  )
}

function Tick() {
  return (
    <svg viewBox="0 0 24 24" width="18" height="18" fill="none" stroke="currentColor" strokeWidth="3" strokeLinecap="round" strokeLinejoin="round" focusable="false">
      <path d="m5 12.5 4.5 4.5L19 7.5" />
    </svg>
  )
}
