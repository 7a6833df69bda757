import { readFile, stat } from 'node:fs/promises'
import { MAX_INPUT_BYTES } from '@/lib/credentials/verify/input'

export class UsageError extends Error {}

/**
 * Reads a file, or standard input for "-", up to one byte past the verification limit: a larger
 * input is still handed on (and refused by the verifier with a reason) without reading it all.
 */
export async function readInput(path: string): Promise<string> {
  if (path === '-') {
    const chunks: Buffer[] = []
    let size = 0
    for await (const chunk of process.stdin) {
      chunks.push(chunk as Buffer)
      size += (chunk as Buffer).length
      if (size > MAX_INPUT_BYTES) break
    }
    return Buffer.concat(chunks).toString('utf8')
  }
  try {
    const info = await stat(path)
    if (!info.isFile()) throw new UsageError(`${path} is not a file`)
    if (info.size > MAX_INPUT_BYTES) {
      const handle = await (await import('node:fs/promises')).open(path)
      try {
        const buf = Buffer.alloc(MAX_INPUT_BYTES + 1)
        await handle.read(buf, 0, buf.length, 0)
        return buf.toString('utf8')
      } finally {
        await handle.close()
      }
    }
    return await readFile(path, 'utf8')
  } catch (e) {
    if (e instanceof UsageError) throw e
    throw new UsageError(`Cannot read ${path}: ${(e as Error).message}`)
  }
}
