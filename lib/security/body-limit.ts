// The largest body a server action accepts. Next reads an action's whole body before our own
// per-field limits apply (a 2 MB evidence photo plus its form, a 1 MB credential pasted into
// /verify); over this, Next itself fails the action with a 500. proxy.ts answers 413 first.

export const ACTION_BODY_LIMIT_BYTES = 3 * 1024 * 1024

/** A server action call: Next's header (JavaScript on), or a form post (progressive enhancement). */
export function isActionPost(method: string, headers: Headers): boolean {
  if (method !== 'POST') return false
  if (headers.has('next-action')) return true
  const type = headers.get('content-type') ?? ''
  return type.startsWith('multipart/form-data') || type.startsWith('application/x-www-form-urlencoded')
}

/** True when the declared length is over the limit (a body sent without a length is left to Next). */
export function actionBodyTooLarge(method: string, headers: Headers): boolean {
  if (!isActionPost(method, headers)) return false
  const length = Number(headers.get('content-length') ?? '')
  return Number.isFinite(length) && length > ACTION_BODY_LIMIT_BYTES
}
