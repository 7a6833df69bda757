import { contextProblems, dataModelProblems, isUrl, type DataModelProblem } from '../data-model'
import { dataModelError } from './di'
import { isObject, toArray } from './input'
import { failed, type Check } from './result'

// The verifier's `schema` check on the W3C data model itself: the same rules the issuer applies
// (lib/credentials/data-model.ts, one source), for credentials in both formats (a VC-JWT's JSON
// view), and the presentation's own rules here. Each problem keeps its stable code; the check
// carries the first one's code and lists them all in `details.problems`.

/** The data-model verdict of a credential: undefined when it conforms. */
export function credentialModelCheck(credential: Record<string, unknown>): Check | undefined {
  const problems = dataModelProblems(credential, 'verify')
  if (problems.length) return modelFailed('credential', problems)
  // What @digitalbazaar/vc checks beyond (it has been the verifier's rule since the start).
  const library = dataModelError(credential)
  return library ? failed('schema', 'DATA_MODEL_INVALID', `Not a valid Verifiable Credential: ${library}`) : undefined
}

/** The data-model verdict of a presentation (a VP-JWT's `vp` claim): undefined when it conforms. */
export function presentationModelCheck(presentation: Record<string, unknown>): Check | undefined {
  const problems = presentationProblems(presentation)
  return problems.length ? modelFailed('presentation', problems) : undefined
}

function modelFailed(kind: 'credential' | 'presentation', problems: DataModelProblem[]): Check {
  const list = problems.map((p) => `${p.path || '/'} ${p.message}`).join('; ')
  const what = kind === 'credential' ? 'Verifiable Credential' : 'Verifiable Presentation'
  return failed('schema', problems[0]!.code, `Not a valid ${what} (W3C data model): ${list}`, { problems })
}

/**
 * VCDM 2.0 §4.13 (and 1.1 §4.10 for a 1.1 presentation): `@context` an ordered set starting with
 * the base context, `type` including VerifiablePresentation, `id` a single URL, `holder` a URL or
 * an object whose `id` is one, `termsOfUse` typed objects. Each credential inside is checked on
 * its own (its own result); a string that is not a compact JWT is refused there (INPUT_NOT_OBJECT).
 */
export function presentationProblems(vp: Record<string, unknown>): DataModelProblem[] {
  const out: DataModelProblem[] = []
  const add = (path: string, code: string, message: string) => out.push({ path, code, message })
  out.push(...contextProblems(vp, 'presentation'))
  const types = toArray(vp.type)
  if (types.some((t) => typeof t !== 'string' || t.length === 0)) add('/type', 'TYPE_INVALID', 'must be one or more terms or URLs (strings)')
  else if (!types.includes('VerifiablePresentation')) add('/type', 'TYPE_NOT_PRESENTATION', 'must include "VerifiablePresentation"')
  if ('id' in vp && !isUrl(vp.id)) add('/id', 'ID_NOT_URL', 'must be a single URL')
  if ('holder' in vp) {
    const holder = vp.holder
    if (isObject(holder) ? !isUrl(holder.id) : !isUrl(holder)) add(isObject(holder) ? '/holder/id' : '/holder', 'HOLDER_NOT_URL', 'must be a URL, or an object with an "id" URL')
  }
  toArray(vp.termsOfUse).forEach((t, i) => {
    const path = Array.isArray(vp.termsOfUse) ? `/termsOfUse/${i}` : '/termsOfUse'
    if (!isObject(t)) return add(path, 'OBJECT_NOT_OBJECT', 'must be an object')
    if (toArray(t.type).length === 0) add(`${path}/type`, 'OBJECT_TYPE_MISSING', 'is required')
  })
  return out
}
