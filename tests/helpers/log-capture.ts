import { createLogger, setLogger } from '@/lib/log'

/** The server's log lines (lib/log.ts) as parsed objects, from now until `restore()`. */
export function captureLogs(): { lines: Record<string, unknown>[]; restore: () => void } {
  const lines: Record<string, unknown>[] = []
  setLogger(createLogger({ level: 'trace', destination: { write: (line: string) => void lines.push(JSON.parse(line)) } }))
  return { lines, restore: () => setLogger(undefined) }
}
