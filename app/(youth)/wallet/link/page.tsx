import Link from 'next/link'
import type { Metadata } from 'next'
import { connection } from 'next/server'
import { getFormatter, getTranslations } from 'next-intl/server'
import { PageHeader } from '@/app/_components/page-header'
import { requireRole } from '@/lib/auth/guards'
import { AppError } from '@/lib/errors'
import { createLinkChallenge, linkableIdentifiers, listLinkedIdentifiers, type LinkChallengeDto } from '@/lib/identifiers/service'
import { LINK_MAX_BYTES } from '@/lib/identifiers/schemas'
import { getRuntime } from '@/lib/runtime'
import walletStyles from '../wallet.module.css'
import { LinkForm } from './link-form'
import styles from './link.module.css'
import { UnlinkButton } from './unlink-button'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('wallet'))('link.title'), robots: { index: false } }
}

type Props = { searchParams: Promise<{ did?: string | string[] }> }

/**
 * "Prove that another identifier is yours": a fresh challenge for the identifier in `?did=`, to
 * be signed by the other wallet and pasted back; the identifiers already linked (unlink); and the
 * other identifiers the wallet's credentials were issued to.
 */
export default async function LinkPage({ searchParams }: Props) {
  await connection()
  const user = await requireRole('youth')
  const { did } = await searchParams
  const rt = await getRuntime()
  const [t, format, linked, linkable, challenge] = await Promise.all([
    getTranslations('wallet'), getFormatter(), listLinkedIdentifiers(rt, user), linkableIdentifiers(rt, user),
    typeof did === 'string' && did !== '' ? challengeFor(rt, user, did) : undefined,
  ])
  return (
    <main id="content" className="page page--narrow">
      <Link className={walletStyles.back} href="/wallet">← {t('detail.back')}</Link>
      <PageHeader title={t('link.title')} intro={t('link.intro')} />
      {challenge && 'error' in challenge && (
        // After linking, this page is shown again for the same identifier: linked already is good news.
        <p className={challenge.error === 'LINK_ALREADY_LINKED' ? 'alert alert--success' : 'alert alert--error'} role="alert">{t(`link.errors.${challenge.error}`, { signer: '' })}</p>
      )}
      {challenge && !('error' in challenge) && (
        <section className={`card ${styles.panel}`} aria-labelledby="link-steps-title">
          <h2 id="link-steps-title">{t('link.steps.title')}</h2>
          <p>{t('link.steps.identifier')}</p>
          <p className={styles.value}><code>{challenge.did}</code></p>
          <ol className={styles.steps}>
            <li>{t('link.steps.open')}</li>
            <li>
              {t('link.steps.sign')}
              <dl className={styles.facts}>
                <div><dt>{t('link.steps.challenge')}</dt><dd><code data-link-challenge="">{challenge.challenge}</code></dd></div>
                <div><dt>{t('link.steps.domain')}</dt><dd><code>{challenge.domain}</code></dd></div>
              </dl>
              <details className="disclosure">
                <summary>{t('link.steps.technical.summary')}</summary>
                <p>{t('link.steps.technical.names')}</p>
                <pre className={styles.request}>{JSON.stringify({ query: [{ type: 'DIDAuthentication' }], challenge: challenge.challenge, domain: challenge.domain }, null, 2)}</pre>
              </details>
            </li>
            <li>{t('link.steps.paste', { time: format.dateTime(new Date(challenge.expiresAt), { timeStyle: 'short' }) })}</li>
          </ol>
          <LinkForm challengeId={challenge.id} maxBytes={LINK_MAX_BYTES} />
        </section>
      )}
      {!challenge && linkable.length > 0 && (
        <section className={`card ${styles.panel}`} aria-labelledby="linkable-title">
          <h2 id="linkable-title">{t('link.linkable.title')}</h2>
          <ul className={styles.list}>
            {linkable.map((d) => (
              <li key={d}><code>{d}</code> <Link className="button button--small button--secondary" href={`/wallet/link?did=${encodeURIComponent(d)}`}>{t('link.linkable.prove')}</Link></li>
            ))}
          </ul>
        </section>
      )}
      {!challenge && linkable.length === 0 && linked.length === 0 && <p className="alert">{t('link.nothing')}</p>}
      {linked.length > 0 && (
        <section className={`card ${styles.panel}`} aria-labelledby="linked-title">
          <h2 id="linked-title">{t('link.linked.title')}</h2>
          <p>{t('link.linked.text')}</p>
          <ul className={styles.list}>
            {linked.map((l) => (
              <li key={l.did}>
                <code>{l.did}</code>
                <span className={styles.muted}> {t('link.linked.since', { date: format.dateTime(new Date(l.linkedAt), { dateStyle: 'long' }) })}</span>
                <UnlinkButton did={l.did} />
              </li>
            ))}
          </ul>
        </section>
      )}
    </main>
  )
}

async function challengeFor(rt: Awaited<ReturnType<typeof getRuntime>>, user: { id: string; role: string }, did: string): Promise<LinkChallengeDto | { error: string }> {
  try {
    return await createLinkChallenge(rt, user, did)
  } catch (e) {
    if (e instanceof AppError && e.code === 'VALIDATION_FAILED') return { error: 'notADid' }
    if (e instanceof AppError && e.code === 'CONFLICT' && typeof e.details === 'string') return { error: e.details }
    throw e
  }
}
