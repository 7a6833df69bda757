// Server code only (the server process, jobs, route handlers; never a client component): the
// operator's log, one JSON object per line on standard output (pino), for journald, Docker or a
// log shipper to read. The CLI's output to its user is not logging and stays on stdout/stderr.
import pino, { type DestinationStream, type Logger } from 'pino'
import { readEnv, type LogLevel } from './env'
import { REQUEST_ID_HEADER } from './security/request-id'

export type { Logger }

const globalRef = globalThis as unknown as { __tremplinLogger?: Logger }

/** A logger at `level` writing JSON lines to `destination` (standard output by default). */
export function createLogger({ level, destination }: { level: LogLevel; destination?: DestinationStream }): Logger {
  return pino({
    level,
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    // Whatever a caller passes by mistake, these never reach the log.
    redact: { paths: ['password', 'token', 'masterKey', 'privateKeyHex', '*.password', '*.token', 'headers.cookie', 'headers.authorization'], censor: '[redacted]' },
  }, destination)
}

/** The process's logger (LOG_LEVEL from the validated environment). */
export function logger(): Logger {
  globalRef.__tremplinLogger ??= createLogger({ level: readEnv().logLevel })
  return globalRef.__tremplinLogger
}

/** Installs the process's logger (tests capturing lines; the server keeps the default). */
export function setLogger(l: Logger | undefined): void {
  globalRef.__tremplinLogger = l
}

/**
 * The logger for the request being served: its lines carry `requestId` (proxy.ts gives every
 * request one, echoed as X-Request-Id). Outside a request (a job, the CLI, a test): the process's.
 */
export async function requestLogger(): Promise<Logger> {
  const root = logger()
  try {
    const { headers } = await import('next/headers')
    const id = (await headers()).get(REQUEST_ID_HEADER)
    return id ? root.child({ requestId: id }) : root
  } catch {
    return root
  }
}
