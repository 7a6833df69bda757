import { getFormatter, getTranslations } from 'next-intl/server'
import { VerificationReport, CheckList } from '@/app/_components/verification-report'
import type { SharedPortfolio } from '@/lib/portfolio/view'
import styles from './portfolio.module.css'

type ActiveView = Extract<SharedPortfolio, { state: 'active' }>

/**
 * Everything a technically minded reader may want, folded away in one disclosure: how the page was
 * checked (each check of the signed presentation and of each badge), the files to check elsewhere.
 */
export async function TechnicalDetails({ view, base, titles }: { view: ActiveView; base: string; titles: { bound: string[]; apart: string[] } }) {
  const [t, format] = await Promise.all([getTranslations('portfolio.view'), getFormatter()])
  return (
    <details className={`${styles.details} ${styles.technical} disclosure`} data-testid="technical-details">
      <summary>{t('technical.summary')}</summary>
      <div className={styles.technicalBody}>
        {view.cards.length > 0 && (
          <>
            <p className={styles.muted}>{t('technical.checkedNow', { count: view.cards.length, time: format.dateTime(new Date(), { timeStyle: 'short' }) })}</p>
            <VerificationReport result={view.result} titles={titles.bound} headingLevel={3} showLimits={false} />
          </>
        )}
        {view.apart.cards.map((_, i) => (
          <div key={i}>
            <h3 className={styles.technicalTitle}>{t('technical.apart', { title: titles.apart[i] ?? '' })}</h3>
            <CheckList checks={view.apart.results[i]?.checks ?? []} />
          </div>
        ))}
        <h3 className={styles.technicalTitle}>{t('yourself.title')}</h3>
        <p>{t('yourself.text')}</p>
        <div className="actions">
          {view.formats.map((f) => (
            <a key={f} className="button button--secondary" href={`${base}/presentation${view.formats.length > 1 ? `?format=${f}` : ''}`} download>
              {t(`yourself.download.${f}`)}
            </a>
          ))}
          <a className="button button--secondary" href="/verify">{t('yourself.verifyPage')}</a>
        </div>
      </div>
    </details>
  )
}
