import sharp from 'sharp'
import type { IssuedCredential } from '@/lib/credentials/issue'
import { ValidationError } from '@/lib/errors'
import type { Runtime } from '@/lib/runtime'
import { issueForOrganisation, type IssueForOrganisationInput } from './service'

/** An evidence photo is kept with the credential record (not in the signed document), ≤ 2 MB. */
export const MAX_PHOTO_BYTES = 2 * 1024 * 1024
import { PHOTO_TYPES, type PhotoType } from '@/db/enums'
export { PHOTO_TYPES, type PhotoType }

const startsWith = (bytes: Uint8Array, sig: number[], at = 0) => sig.every((b, i) => bytes[at + i] === b)
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0))

/** The image type its first bytes say (the file's name and declared type are not trusted). */
export function sniffPhotoType(bytes: Uint8Array): PhotoType | undefined {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg'
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png'
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'image/webp'
  return undefined
}

export type PhotoCheck = { ok: true; photo: EvidencePhoto } | { ok: false; error: 'photoTooLarge' | 'photoNotImage' }
export interface EvidencePhoto {
  bytes: Uint8Array
  type: PhotoType
}

/** Checks a photo by size and by its magic bytes. */
export function checkPhoto(bytes: Uint8Array): PhotoCheck {
  if (bytes.byteLength > MAX_PHOTO_BYTES) return { ok: false, error: 'photoTooLarge' }
  const type = sniffPhotoType(bytes)
  return type ? { ok: true, photo: { bytes, type } } : { ok: false, error: 'photoNotImage' }
}

/** What is stored: a JPEG (every browser and phone shows it) at most this wide and high, no metadata. */
export const STORED_PHOTO = { type: 'image/jpeg', maxSide: 1600, quality: 82 } as const
/**
 * The decoder refuses images over 40 megapixels before decoding them: a 2 MB file can claim
 * 60000×60000 pixels (a decompression bomb, gigabytes of memory). A 24 MP phone photo passes.
 */
export const MAX_PHOTO_PIXELS = 40_000_000

/**
 * Decodes the photo and encodes it again as a plain JPEG: EXIF (GPS position, device, date), XMP,
 * comments and anything appended after the image (an HTML/JPEG polyglot) are gone, as is any
 * other image format's hidden payload. Turned upright first (EXIF orientation is dropped with the
 * rest), shrunk to STORED_PHOTO.maxSide, transparency on white.
 * @returns undefined when the bytes do not decode as a JPEG, PNG or WebP within the limits.
 */
export async function reencodePhoto(bytes: Uint8Array): Promise<EvidencePhoto | undefined> {
  const claimed = sniffPhotoType(bytes)
  if (!claimed) return undefined
  try {
    const image = sharp(bytes, { limitInputPixels: MAX_PHOTO_PIXELS, failOn: 'error', pages: 1 })
    const { format } = await image.metadata()
    // Decode only what the magic bytes announced (sharp would also read SVG, TIFF, HEIF…).
    if (`image/${format}` !== claimed) return undefined
    const out = await image.rotate()
      .resize({ width: STORED_PHOTO.maxSide, height: STORED_PHOTO.maxSide, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: STORED_PHOTO.quality, mozjpeg: true })
      .toBuffer()
    return { bytes: new Uint8Array(out), type: STORED_PHOTO.type }
  } catch {
    return undefined
  }
}

/** Reads an uploaded file: undefined when none was chosen (an empty file input sends a 0-byte file). */
export async function readPhotoUpload(file: FormDataEntryValue | null): Promise<PhotoCheck | undefined> {
  if (!file || typeof file === 'string' || file.size === 0) return undefined
  // Refuse by the declared size before reading a large body into memory.
  if (file.size > MAX_PHOTO_BYTES) return { ok: false, error: 'photoTooLarge' }
  return checkPhoto(new Uint8Array(await file.arrayBuffer()))
}

/**
 * issueForOrganisation, then the evidence photo, re-encoded (reencodePhoto), stored on the
 * credential's row. The photo is checked and re-encoded BEFORE anything is signed.
 * @throws ValidationError (/evidencePhoto: photoTooLarge | photoNotImage, or the claims' errors).
 */
export async function issueWithEvidencePhoto(rt: Runtime, input: IssueForOrganisationInput & { photo?: Uint8Array }): Promise<IssuedCredential> {
  let photo: EvidencePhoto | undefined
  if (input.photo) {
    const check = checkPhoto(input.photo)
    if (!check.ok) throw new ValidationError('Unusable evidence photo', [{ path: '/evidencePhoto', message: check.error }])
    photo = await reencodePhoto(check.photo.bytes)
    if (!photo) throw new ValidationError('Unusable evidence photo', [{ path: '/evidencePhoto', message: 'photoNotImage' }])
  }
  const issued = await issueForOrganisation(rt, input)
  if (photo) {
    await rt.db.updateTable('credentials')
      .set({ evidence_photo: Buffer.from(photo.bytes), evidence_photo_type: photo.type })
      .where('id', '=', issued.id).execute()
  }
  return issued
}
