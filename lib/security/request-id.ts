/**
 * Request ids (proxy.ts): every request gets one, on the request Next serves and echoed in the
 * response, so a user's "it failed at 10:02, id …" finds its log lines. One coming from the client
 * or a reverse proxy is kept only when it is a short plain token: it is written into the log, and
 * an id with spaces, quotes or newlines could forge or split log lines.
 */
export const REQUEST_ID_HEADER = 'x-request-id'

const SAFE_ID = /^[A-Za-z0-9._:-]{8,128}$/

/** The incoming id when it is a safe token (8 to 128 of A–Z a–z 0–9 . _ : -), else a new UUID. */
export function requestIdFor(incoming: string | null | undefined): string {
  return incoming && SAFE_ID.test(incoming) ? incoming : crypto.randomUUID()
}
