import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { getFormatter, getTranslations } from 'next-intl/server'
import { requireRole } from '@/lib/auth/guards'
import { listBatches } from '@/lib/bulk/service'
import { AppError } from '@/lib/errors'
import { getPilot, listPilotCandidates } from '@/lib/pilots/service'
import { getRuntime } from '@/lib/runtime'
import { changeMembershipAction } from '@/app/(issuer)/issuer/pilots/actions'
import styles from '@/app/(issuer)/issuer/pilots/pilots.module.css'

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('pilots.list')
  return { title: t('title') }
}

const day = (d: string) => new Date(`${d}T12:00:00Z`)

export default async function PilotPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireRole('counsellor')
  const [{ id }, sp] = await Promise.all([params, searchParams])
  const rt = await getRuntime()
  const [t, tl, format] = await Promise.all([getTranslations('pilots.detail'), getTranslations('pilots.list'), getFormatter()])
  const [pilot, candidates, batches] = await Promise.all([getPilot(rt, user, id), listPilotCandidates(rt, user, id), listBatches(rt, user, id)]).catch((e) => {
    if (e instanceof AppError && e.code === 'NOT_FOUND') notFound()
    throw e
  })
  const base = `/issuer/pilots/${encodeURIComponent(pilot.id)}`
  return (
    <main id="content" className="page">
      <p><Link href="/issuer/pilots">{t('back')}</Link></p>
      <header className="page-header">
        <div>
          <p className="iss-eyebrow">{user.organisationName}</p>
          <h1>{pilot.name}</h1>
          <p className={styles.meta}>
            {tl('period', { start: format.dateTime(day(pilot.startsOn), { dateStyle: 'long' }), end: format.dateTime(day(pilot.endsOn), { dateStyle: 'long' }) })}
            {' · '}{pilot.region ? t('region', { region: pilot.region }) : t('noRegion')}
          </p>
          {pilot.description && <p>{pilot.description}</p>}
        </div>
        <Link className="button button--secondary" href={`${base}/edit`}>{t('edit')}</Link>
      </header>
      {typeof sp.saved === 'string' && <p className="alert alert--success" role="status">{t('saved')}</p>}

      <section className={`card ${styles.section}`} aria-labelledby="bulk-title">
        <h2 id="bulk-title">{t('bulkTitle')}</h2>
        <p>{t('bulkIntro')}</p>
        <p><Link className="button button--primary" href={`${base}/bulk`}>{t('bulkStart')}</Link></p>
        {batches.length > 0 && (
          <>
            <h3>{t('batches')}</h3>
            <ul className={styles.people}>
              {batches.map((b) => (
                <li key={b.batchId}>
                  <Link href={`${base}/bulk/${encodeURIComponent(b.batchId)}`}>
                    {t('batchLine', {
                      date: format.dateTime(new Date(b.createdAt), { dateStyle: 'medium', timeStyle: 'short' }),
                      source: b.source === 'csv' ? t('source.csv', { file: b.fileName ?? '' }) : t('source.selection'),
                      issued: b.issued, total: b.total,
                    })}
                  </Link>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>

      <section className={styles.section} aria-labelledby="members-title">
        <h2 id="members-title">{t('members')}</h2>
        <p className={styles.meta}>{t('membersIntro')}</p>
        {pilot.members.length === 0 ? <p>{t('noMembers')}</p> : (
          <ul className={styles.people}>
            {pilot.members.map((m) => (
              <li key={m.id} className={styles.person}>
                <span>
                  <strong>{m.displayName}</strong> <span className={styles.code}>@{m.username}</span>{' '}
                  <span className="pill pill--info">{t(`role.${m.role as 'youth' | 'counsellor' | 'tutor'}`)}</span>
                  {m.role === 'youth' && !m.hasWallet && <> <span className="pill pill--unchecked">{t('noWallet')}</span></>}
                </span>
                <form action={changeMembershipAction}>
                  <input type="hidden" name="pilotId" value={pilot.id} />
                  <input type="hidden" name="userId" value={m.id} />
                  <button type="submit" name="intent" value="removeMember" className="button button--small button--secondary" aria-label={t('removeNamed', { name: m.displayName })}>{t('remove')}</button>
                </form>
              </li>
            ))}
          </ul>
        )}
        <details className="disclosure">
          <summary>{t('addMembers')}</summary>
          {candidates.people.length === 0 ? <p>{t('nobodyToAdd')}</p> : (
            <form action={changeMembershipAction} className="form">
              <input type="hidden" name="pilotId" value={pilot.id} />
              <fieldset className="field">
                <legend className="field__label">{t('addMembers')}</legend>
                <p className="field__hint">{t('addMembersHint')}</p>
                <div className={styles.checks}>
                  {candidates.people.map((p) => (
                    <label key={p.id} className={styles.check}>
                      <input type="checkbox" name="userId" value={p.id} />
                      <span>{p.displayName} <span className={styles.code}>@{p.username}</span> — {t(`role.${p.role as 'youth' | 'counsellor' | 'tutor'}`)}</span>
                    </label>
                  ))}
                </div>
              </fieldset>
              <div className="form-actions"><button type="submit" name="intent" value="addMembers" className="button button--primary">{t('addChosen')}</button></div>
            </form>
          )}
        </details>
      </section>

      <section className={styles.section} aria-labelledby="partners-title">
        <h2 id="partners-title">{t('partners')}</h2>
        <p className={styles.meta}>{t('partnersIntro')}</p>
        {pilot.partners.length === 0 ? <p>{t('noPartners')}</p> : (
          <ul className={styles.people}>
            {pilot.partners.map((p) => (
              <li key={p.id} className={styles.person}>
                <strong>{p.name}</strong>
                <form action={changeMembershipAction}>
                  <input type="hidden" name="pilotId" value={pilot.id} />
                  <input type="hidden" name="organisationId" value={p.id} />
                  <button type="submit" name="intent" value="removePartner" className="button button--small button--secondary" aria-label={t('removeNamed', { name: p.name })}>{t('remove')}</button>
                </form>
              </li>
            ))}
          </ul>
        )}
        {candidates.employers.length === 0 ? <p className={styles.meta}>{t('noEmployers')}</p> : (
          <form action={changeMembershipAction} className={styles.inline}>
            <input type="hidden" name="pilotId" value={pilot.id} />
            <div className="field">
              <label className="field__label" htmlFor="partner">{t('partnerLabel')}</label>
              <select id="partner" name="organisationId" className="select">
                {candidates.employers.map((e) => <option key={e.id} value={e.id}>{e.name}</option>)}
              </select>
            </div>
            <button type="submit" name="intent" value="addPartner" className="button button--secondary">{t('addPartner')}</button>
          </form>
        )}
      </section>
    </main>
  )
}
