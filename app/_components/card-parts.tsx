import { useTranslations } from 'next-intl'
import type { CardVerdict } from '@/lib/verification/card-verdict'
import type { CredentialCardDto } from '@/lib/wallet/cards'
import type { Translate } from './credential-card'
import styles from './credential-card.module.css'

// The parts of a credential card that carry a verdict or a fact, each with ONE mark (issue 12):
// the card's own verdict, how the issuer knows, an identifier that is not the holder's, the work.
// Hook-based ones use next-intl without 'use client' (server and client components alike).

type EvidenceLevel = NonNullable<CredentialCardDto['evidenceLevel']>

/**
 * How the issuer knows, in the words defined once (`common.evidence`). Only a card whose own checks
 * passed states it as a fact; any other card says what the document claims, and that it is not
 * confirmed — never "seen in action" as if proven.
 */
export function EvidenceLevelNote({ level, proven, t }: { level: EvidenceLevel; proven: boolean; t: Translate }) {
  const tc = useTranslations('common.evidence')
  const term = tc(`${level}.term`)
  return (
    <p className={`${styles.evidenceLevel} ${proven ? EVIDENCE_CLASS[level] : styles.claimed}`} data-evidence-level={level} data-evidence-proven={proven ? 'true' : 'false'}>
      {proven && <EvidenceIcon level={level} />}
      <span>
        <span className="visually-hidden">{t('card.evidenceLevel.label')} </span>
        {proven
          ? <><strong>{term}</strong>{' — '}{tc(`${level}.definition`)}</>
          : t('card.evidenceClaimed', { term })}
      </span>
    </p>
  )
}

const EVIDENCE_CLASS: Record<EvidenceLevel, string> = {
  assessed: styles.assessed!, witnessed: styles.witnessed!, self_declared: styles.selfDeclaredLevel!,
}

/** A ruler for assessed, an eye for witnessed, a speech bubble for self-declared: never colour alone. */
function EvidenceIcon({ level }: { level: EvidenceLevel }) {
  return (
    <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      {level === 'assessed' && <><rect x="2" y="5" width="12" height="6" rx="1" fill="none" stroke="currentColor" strokeWidth="1.5" /><path d="M5 5v3M8 5v2M11 5v3" stroke="currentColor" strokeWidth="1.3" /></>}
      {level === 'witnessed' && <><path d="M1.5 8s2.5-4.5 6.5-4.5S14.5 8 14.5 8 12 12.5 8 12.5 1.5 8 1.5 8z" fill="none" stroke="currentColor" strokeWidth="1.4" /><circle cx="8" cy="8" r="2" fill="currentColor" /></>}
      {level === 'self_declared' && <path d="M2.5 3.5h11v7h-6l-3 2.5v-2.5h-2z" fill="none" stroke="currentColor" strokeWidth="1.4" strokeLinejoin="round" />}
    </svg>
  )
}

/**
 * The card's one verdict mark, from `cardVerdict` (lib/verification/card-verdict): a tick only for
 * "valid"; what did not check out said in the same place, in plain words.
 */
export function VerdictMark({ verdict, t }: { verdict: CardVerdict; t: Translate }) {
  if (verdict.kind === 'notChecked') {
    // Not verified here (a wallet's list): no tick; only a date or a recorded withdrawal is said.
    if (verdict.status === 'valid') return null
    return (
      <p className={styles.verdict} data-card-verdict="notChecked" data-card-status={verdict.status}>
        <span className={`pill ${verdict.status === 'suspended' ? 'pill--unchecked' : 'pill--failed'}`}><StatusIcon status={verdict.status} />{t(`card.status.${verdict.status}`)}</span>
      </p>
    )
  }
  const look = verdict.kind === 'valid' ? 'pill--passed' : verdict.kind === 'notValid' ? `pill--${verdict.severity}` : 'pill--unchecked'
  return (
    <div className={styles.verdict} data-card-verdict={verdict.kind}>
      <p className={`pill ${look}`}>
        <VerdictIcon verdict={verdict} />
        {verdict.kind === 'notValid' ? t(`verdict.notValid.${verdict.severity}`) : t(`verdict.${verdict.kind}`)}
      </p>
      {verdict.kind === 'notValid' && (
        <ul className={styles.problems}>
          {verdict.problems.map((p) => <li key={p} data-problem={p}>{t(`verdict.problems.${p}`)}</li>)}
        </ul>
      )}
    </div>
  )
}

/** ✓ valid, ✗ failed, ? not confirmed, a speech bubble for their own words, a pencil for a preview. */
function VerdictIcon({ verdict }: { verdict: Exclude<CardVerdict, { kind: 'notChecked' }> }) {
  const kind = verdict.kind === 'notValid' ? verdict.severity : verdict.kind
  return (
    <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      {kind === 'valid' && <path d="M3.5 8.5l3 3 6-7" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" />}
      {kind === 'failed' && <path d="M4 4l8 8M12 4l-8 8" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />}
      {kind === 'unchecked' && <><path d="M5.5 6a2.5 2.5 0 1 1 3.5 2.3c-.6.3-1 .8-1 1.4V10.5" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" /><circle cx="8" cy="13" r="1" fill="currentColor" /></>}
      {kind === 'ownWords' && <path d="M2.5 3.5h11v7h-6l-3 2.5v-2.5h-2z" fill="none" stroke="currentColor" strokeWidth="1.4" strokeLinejoin="round" />}
      {kind === 'preview' && <path d="M3 13l1-3.5L10.5 3l2.5 2.5L6.5 12zM9 4.5l2.5 2.5" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinejoin="round" />}
    </svg>
  )
}

/**
 * The credential names another identifier than its holder's (or none): say so, with both. Linked
 * (the holder proved that identifier is theirs, decision 021) it says so instead; shown apart from
 * a portfolio's proven credentials ('unconfirmed') it says plainly that it cannot be confirmed as theirs.
 */
export function OtherIdentifierNote({ other, t }: { other: NonNullable<CredentialCardDto['otherIdentifier']>; t: Translate }) {
  const prefix = other.binding === 'linked' ? 'linked' : other.binding === 'unconfirmed' ? 'unconfirmed' : ''
  const key = (name: string) => `card.otherIdentifier.${prefix ? `${prefix}${name[0]!.toUpperCase()}${name.slice(1)}` : name}`
  return (
    <div className={styles.otherIdentifier} data-other-identifier={other.binding ?? ''}>
      <p className={styles.otherTitle}>{t(key(other.subject ? 'title' : 'noneTitle'))}</p>
      <p>{other.subject ? t(key('text'), { subject: other.subject, holder: other.holder }) : t(key('none'), { holder: other.holder })}</p>
    </div>
  )
}

/** A distinct shape per status, so that it never rests on colour alone. */
export function StatusIcon({ status }: { status: CredentialCardDto['status'] }) {
  return (
    <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      {status === 'valid' && <circle cx="8" cy="8" r="3" fill="currentColor" />}
      {status === 'expired' && <><circle cx="8" cy="8" r="6" fill="none" stroke="currentColor" strokeWidth="1.8" /><path d="M8 4.5V8l2.5 1.5" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" /></>}
      {status === 'notYetValid' && <path d="M4.5 2.5h7M4.5 13.5h7M5.5 2.5c0 3 5 3 5 5.5s-5 2.5-5 5.5M10.5 2.5c0 3-5 3-5 5.5s5 2.5 5 5.5" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />}
      {status === 'suspended' && <path d="M5.5 3.5v9M10.5 3.5v9" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" />}
      {status === 'revoked' && <path d="M4 4l8 8M12 4l-8 8" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />}
    </svg>
  )
}
