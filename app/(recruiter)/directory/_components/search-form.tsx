import Form from 'next/form'
import Link from 'next/link'
import { getTranslations } from 'next-intl/server'
import { AVAILABILITIES } from '@/lib/profile/schemas'
import { REGION_FILTER_MAX, type DirectorySearch } from '@/lib/directory/schemas'
import styles from '../directory.module.css'
import { SkillCombobox } from './skill-combobox'

/** The filters, as a GET form: a search is a URL (shareable, and the back button works). */
export async function SearchForm({ search, lang }: { search: DirectorySearch; lang: string }) {
  const [t, tp] = await Promise.all([getTranslations('directory.filters'), getTranslations('profile')])
  return (
    <Form action="/directory" className={`card ${styles.filters}`} aria-labelledby="filters-title" key={JSON.stringify(search)}>
      <h2 id="filters-title">{t('title')}</h2>
      <div className={styles.filterGrid}>
        <SkillCombobox lang={lang} defaultUri={search.skill} defaultLabel={search.skillLabel} />
        <div className="field">
          <label className="field__label" htmlFor="evidence">{t('evidence')}</label>
          <select id="evidence" name="evidence" className="select" defaultValue={search.evidence}>
            <option value="any">{t('evidenceAny')}</option>
            <option value="witnessed">{t('evidenceWitnessed')}</option>
            <option value="assessed">{t('evidenceAssessed')}</option>
          </select>
        </div>
        <div className="field">
          <label className="field__label" htmlFor="region">{t('region')}</label>
          <input id="region" name="region" className="input" type="text" maxLength={REGION_FILTER_MAX} defaultValue={search.region ?? ''} aria-describedby="region-hint" />
          <p className="field__hint" id="region-hint">{t('regionHint')}</p>
        </div>
        <div className="field">
          <label className="field__label" htmlFor="availability">{t('availability')}</label>
          <select id="availability" name="availability" className="select" defaultValue={search.availability ?? ''}>
            <option value="">{t('availabilityAny')}</option>
            {AVAILABILITIES.map((a) => <option key={a} value={a}>{tp(`availability.${a}`)}</option>)}
          </select>
        </div>
      </div>
      <div className={styles.filterActions}>
        <button type="submit" className="button button--primary">{t('submit')}</button>
        <Link href="/directory">{t('reset')}</Link>
      </div>
    </Form>
  )
}
