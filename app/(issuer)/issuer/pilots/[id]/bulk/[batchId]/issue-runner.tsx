'use client'
import { useRouter } from 'next/navigation'
import { useTranslations } from 'next-intl'
import { useState } from 'react'
import type { BulkProgressDto } from '@/lib/bulk/service'
import { issueChunkAction } from '../../../actions'
import styles from '../../../pilots.module.css'

/**
 * Step 2: asks the server for one chunk at a time (each at most ~8 s of signing) and shows the
 * progress; stops on an error and offers to resume. A row is never issued twice, so resuming, or
 * a second tab doing the same, is safe.
 */
export function IssueRunner({ initial, autoResume }: { initial: BulkProgressDto; autoResume?: boolean }) {
  const t = useTranslations('pilots.batch')
  const router = useRouter()
  const [progress, setProgress] = useState(initial)
  const [running, setRunning] = useState(false)
  const [error, setError] = useState<'forbidden' | 'notFound' | 'failed' | undefined>()
  const toIssue = progress.total - progress.invalid - progress.skipped
  const done = progress.issued + progress.failed

  async function run() {
    setRunning(true)
    setError(undefined)
    try {
      for (;;) {
        const result = await issueChunkAction(progress.batchId)
        if (!result.ok) { setError(result.error); break }
        setProgress(result.progress)
        if (result.progress.status === 'done') { router.refresh(); break }
      }
    } catch {
      setError('failed')
    } finally {
      setRunning(false)
    }
  }

  if (progress.status === 'done' && !running) return null
  return (
    <div className={styles.runner}>
      {(running || progress.status === 'running') && (
        <>
          <label htmlFor="bulk-progress" className="field__label">{t('progressLabel')}</label>
          <progress id="bulk-progress" className={styles.progress} max={Math.max(toIssue, 1)} value={done} />
          <p role="status" aria-live="polite">{t('issuing', { done, total: toIssue })}</p>
        </>
      )}
      {error && <p className="alert alert--error" role="alert">{t('interrupted', { reason: t(`errors.${error}`) })}</p>}
      {!running && progress.ready > 0 && (
        <p>
          <button type="button" className="button button--primary" onClick={run} autoFocus={autoResume}>
            {progress.status === 'previewed' ? t('issueButton', { count: progress.ready }) : t('resumeButton')}
          </button>
        </p>
      )}
    </div>
  )
}
