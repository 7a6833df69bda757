import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import jsQR from 'jsqr'
import { PNG } from 'pngjs'
import type { Locator, Page } from 'playwright-core'
import { hideDevOverlay, SCREENSHOT_DIR } from './screens'

const QUIET_ZONE = 24 // px of white around the code, as a printed QR code has

/**
 * Reads the QR code shown in an element the way a phone camera would: a screenshot of the
 * element, decoded to RGBA (pngjs), scanned by jsQR. Returns the text it carries.
 * @throws Error when no QR code can be read in the element.
 */
export async function decodeQrFromElement(page: Page, target: string | Locator): Promise<string> {
  const element = typeof target === 'string' ? page.locator(target) : target
  await hideDevOverlay(page)
  await element.scrollIntoViewIfNeeded()
  const shot = await element.screenshot({ animations: 'disabled' })
  const padded = withQuietZone(PNG.sync.read(shot))
  const code = jsQR(new Uint8ClampedArray(padded.data.buffer, padded.data.byteOffset, padded.data.length), padded.width, padded.height)
  if (code) return code.data
  // Keep what was scanned, to see why.
  mkdirSync(SCREENSHOT_DIR, { recursive: true })
  const file = join(SCREENSHOT_DIR, `unreadable-qr-${Date.now()}.png`)
  writeFileSync(file, shot)
  throw new Error(`no QR code could be read in ${element} (scanned image: ${file})`)
}

function withQuietZone(png: PNG): PNG {
  const out = new PNG({ width: png.width + 2 * QUIET_ZONE, height: png.height + 2 * QUIET_ZONE })
  out.data.fill(255)
  PNG.bitblt(png, out, 0, 0, png.width, png.height, QUIET_ZONE, QUIET_ZONE)
  return out
}
