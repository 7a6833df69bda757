import QRCode from 'qrcode'

// The QR code carries ONLY the short share URL (version 3–4 at level M), never a presentation:
// a 2 KB presentation would need a version 29–39 code that cheap phones scan badly (DESIGN.md).

export interface ShareQr {
  /** An <svg> element, for the screen and for printing. */
  svg: string
  /** A PNG as a data: URL, to download (the token is never put in a URL we log). */
  pngDataUrl: string
}

export async function shareQr(url: string): Promise<ShareQr> {
  const options = { errorCorrectionLevel: 'M' as const, margin: 2 }
  const [svg, pngDataUrl] = await Promise.all([
    QRCode.toString(url, { ...options, type: 'svg' }),
    QRCode.toDataURL(url, { ...options, width: 600 }),
  ])
  return { svg, pngDataUrl }
}
