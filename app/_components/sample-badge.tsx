import { getFormatter, getTranslations } from 'next-intl/server'

// A fixed date: the example reads the same on every visit, formatted in the reader's language.
const SAMPLE_DATE = new Date('2026-03-12T12:00:00Z')

/** An illustration of what a young person's badge looks like; labelled as an example, not a real credential. */
export async function SampleBadge() {
  const [t, format] = await Promise.all([getTranslations('landing.sample'), getFormatter()])
  return (
    <figure className="sample">
      <div className="sample__card">
        <p className="sample__kind">{t('kind')}</p>
        <p className="sample__skill">{t('skill')}</p>
        <p className="sample__context">{t('context')}</p>
        <dl className="sample__meta">
          <div>
            <dt>{t('issuerLabel')}</dt>
            <dd>{t('issuer')}</dd>
          </div>
          <div>
            <dt>{t('dateLabel')}</dt>
            <dd>{format.dateTime(SAMPLE_DATE, { dateStyle: 'long' })}</dd>
          </div>
        </dl>
        <p className="pill pill--ok">
          <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
            <path d="M3.5 8.5l3 3 6-7" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" />
          </svg>
          {t('verified')}
        </p>
      </div>
      <figcaption>{t('caption')}</figcaption>
    </figure>
  )
}
