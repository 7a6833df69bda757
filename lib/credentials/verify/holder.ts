import { isObject, toArray } from './input'
import { failed, isVerified, passed, unchecked, type Check, type VerificationResult } from './result'

/** 'enforce' (default everywhere): a credential not issued to the presenter fails. 'report': it is reported, not enforced. */
export type HolderBinding = 'enforce' | 'report'

/** What binds a credential to the presentation's proven holder: the holder's own DID, or one it proved to control. */
export interface Binding {
  holder: string | undefined
  linked?: readonly string[]
  mode?: HolderBinding
}

export function subjectIds(credential: Record<string, unknown> | undefined): unknown[] {
  const subjects = toArray<unknown>(credential?.credentialSubject)
  return subjects.length ? subjects.map((s) => (isObject(s) ? s.id : undefined)) : [undefined]
}

/**
 * Was this credential issued to `holder`, the proven holder of the presentation carrying it (or of
 * the wallet holding it), or to an identifier that holder proved to control (`linked`)?
 * - every subject is the holder → passed SUBJECT_IS_HOLDER; the holder or linked → passed SUBJECT_LINKED;
 * - a subject is another identifier → failed SUBJECT_NOT_HOLDER (`report`: unchecked, details.enforced false):
 *   whoever saw a credential could otherwise present it as theirs (docs/decisions/011);
 * - no subject id → unchecked SUBJECT_NOT_IDENTIFIED: never counted as bound.
 */
export function checkSubject(subjects: unknown[], holder: string | undefined, options: { linked?: readonly string[]; mode?: HolderBinding } = {}): Check {
  if (!holder) return unchecked('holder', 'HOLDER_NOT_PROVEN', 'Who presents this credential cannot be confirmed')
  const linked = new Set(options.linked ?? [])
  const other = subjects.find((s): s is string => typeof s === 'string' && s !== holder && !linked.has(s))
  if (other) {
    const message = `Issued to ${other}, presented by ${holder}: nothing shows that ${holder} controls ${other}`
    if (options.mode === 'report') return unchecked('holder', 'SUBJECT_NOT_HOLDER', `${message} (reported, not enforced)`, { subject: other, holder, enforced: false })
    return failed('holder', 'SUBJECT_NOT_HOLDER', message, { subject: other, holder, enforced: true })
  }
  if (subjects.length === 0 || subjects.some((s) => typeof s !== 'string')) {
    return unchecked('holder', 'SUBJECT_NOT_IDENTIFIED', `The credential names no subject: anyone holding it can present it (presented by ${holder})`, { holder })
  }
  if (subjects.every((s) => s === holder)) return passed('holder', 'SUBJECT_IS_HOLDER', `Issued to ${holder}, who presents it`, { subject: holder, holder })
  const subject = subjects.find((s) => s !== holder) as string
  return passed('holder', 'SUBJECT_LINKED', `Issued to ${subject}, an identifier ${holder} proved to control`, { subject, holder, linked: true })
}

/**
 * The presentation's own `holder` check, which neither library makes: its signer must be its
 * holder. Whether each credential was issued to that holder is each credential's `holder` check.
 * `named: false`: the presentation names no holder (optional in VCDM 2.0 §4.13), and `holder` is
 * its proven signer — the presenter, to whom the credentials must then have been issued.
 */
export function checkHolder(holder: string | undefined, signer: string | undefined, proof: Check, embedded: { subjects: unknown[] }[], linked: readonly string[] = [], named = true): Check {
  if (proof.status !== 'passed') return unchecked('holder', 'HOLDER_NOT_PROVEN', 'The holder cannot be confirmed, because the presentation’s signature did not verify')
  if (!holder) return failed('holder', 'HOLDER_MISSING', 'The presentation names a holder that is not an identifier')
  if (signer !== holder) return failed('holder', 'HOLDER_NOT_SIGNER', `The presentation was signed by ${signer ?? 'an unknown key'}, not by its holder ${holder}`, { holder, signer })
  const who = named ? 'its holder' : 'its presenter (it names no holder)'
  const own = new Set([holder, ...linked])
  const others = embedded.map((e, i) => ({ i, bound: e.subjects.every((s) => typeof s === 'string' && own.has(s)) })).filter((e) => !e.bound).map((e) => e.i)
  if (others.length) {
    const which = others.length === 1 ? `credential ${others[0]! + 1} was` : `credentials ${others.map((i) => i + 1).join(', ')} were`
    return passed('holder', 'HOLDER_SIGNED', `Signed by ${who} ${holder}; ${which} not issued to ${holder} (see each credential’s holder check)`, { holder, credentials: others, ...(named ? {} : { named: false }) })
  }
  return passed('holder', 'HOLDER_BOUND', `Signed by ${who}, and every credential was issued to ${holder}`, { holder, ...(named ? {} : { named: false }) })
}

/** Each credential of a presentation with its own `holder` check (right after its proof), against the holder the presentation proves. */
export function withSubjectChecks(holderCheck: Check, embedded: { result: VerificationResult; subjects: unknown[] }[], binding: Omit<Binding, 'holder'>): VerificationResult[] {
  const holder = holderCheck.status === 'passed' && typeof holderCheck.details?.holder === 'string' ? holderCheck.details.holder : undefined
  return embedded.map(({ result, subjects }) => {
    if (result.kind !== 'credential') return result
    const [first, ...rest] = result.checks
    const checks = [...(first ? [first] : []), checkSubject(subjects, holder, binding), ...rest]
    return { ...result, checks, verified: isVerified(checks) }
  })
}
