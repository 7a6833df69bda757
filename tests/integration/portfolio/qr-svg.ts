import jsQR from 'jsqr'

/**
 * Reads the QR code in an SVG made by `qrcode` (one path of horizontal runs: `M x y h n m dx dy …`,
 * each run n modules long on row y−0.5) back to its text, with jsQR, as a phone camera would.
 */
export function decodeQrSvg(svg: string, scale = 6): string | undefined {
  const size = Number(/viewBox="0 0 (\d+) \1"/.exec(svg)?.[1])
  const d = /<path[^>]*stroke="#000000"[^>]*d="([^"]+)"/.exec(svg)?.[1]
  if (!size || !d) return undefined
  const dark = new Set<string>()
  let x = 0
  let y = 0
  for (const [, op, args] of d.matchAll(/([MmHh])([^MmHh]*)/g)) {
    const n = args!.trim().split(/[\s,]+/).filter(Boolean).map(Number)
    if (op === 'M') [x, y] = [n[0]!, n[1]!]
    else if (op === 'm') [x, y] = [x + n[0]!, y + n[1]!]
    else {
      const len = op === 'h' ? n[0]! : n[0]! - x
      for (let i = 0; i < len; i++) dark.add(`${x + i},${Math.floor(y)}`)
      x += len
    }
  }
  const px = size * scale
  const rgba = new Uint8ClampedArray(px * px * 4).fill(255)
  for (let r = 0; r < px; r++) {
    for (let c = 0; c < px; c++) {
      if (dark.has(`${Math.floor(c / scale)},${Math.floor(r / scale)}`)) rgba.fill(0, (r * px + c) * 4, (r * px + c) * 4 + 3)
    }
  }
  return jsQR(rgba, px, px)?.data
}
