import sharp from 'sharp'
import { describe, expect, test } from 'vitest'
import { MAX_PHOTO_PIXELS, reencodePhoto, STORED_PHOTO } from '@/lib/issuing/photo'

// Evidence photos are decoded and encoded again before they are stored: what a phone writes into
// a photo (the GPS position of a young person's home), and what an attacker hides in one (HTML
// after the image, in a comment), does not survive.

const GPS_MARKER = 'WGS-84-tremplin-gps-marker'
const SCRIPT = '<html><body><script>alert(document.cookie)</script></body></html>'

const photo = (width = 64, height = 48) =>
  sharp({ create: { width, height, channels: 3, background: { r: 200, g: 60, b: 40 } } })

/** A JPEG as a phone writes it: EXIF with a GPS position (IFD3) and the device. */
const phoneJpeg = () => photo().jpeg().withExif({
  IFD0: { Make: 'PhoneMaker', Model: 'Phone 12' },
  IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '50/1 41/1 2/1', GPSLongitudeRef: 'E', GPSLongitude: '3/1 10/1 5/1', GPSMapDatum: GPS_MARKER },
}).toBuffer()

/** A JPEG that is also an HTML page: a comment segment (COM) after SOI, and HTML after EOI. */
async function polyglotJpeg() {
  const jpeg = await photo().jpeg().toBuffer()
  const text = Buffer.from(SCRIPT)
  const com = Buffer.concat([Buffer.from([0xff, 0xfe, (text.length + 2) >> 8, (text.length + 2) & 0xff]), text])
  return Buffer.concat([jpeg.subarray(0, 2), com, jpeg.subarray(2), Buffer.from(SCRIPT)])
}

const has = (bytes: Uint8Array, text: string) => Buffer.from(bytes).includes(Buffer.from(text))

describe('reencodePhoto', () => {
  test('drops the EXIF GPS position and the device, and keeps the picture', async () => {
    const input = await phoneJpeg()
    // The crafted photo does carry them (so the test can fail).
    expect(has(input, GPS_MARKER)).toBe(true)
    expect((await sharp(input).metadata()).exif).toBeDefined()

    const out = (await reencodePhoto(input))!
    expect(out.type).toBe('image/jpeg')
    expect(has(out.bytes, GPS_MARKER)).toBe(false)
    expect(has(out.bytes, 'PhoneMaker')).toBe(false)
    expect(has(out.bytes, 'Exif\0\0')).toBe(false)
    const meta = await sharp(out.bytes).metadata()
    expect(meta).toMatchObject({ format: 'jpeg', width: 64, height: 48 })
    expect(meta.exif).toBeUndefined()
    expect(meta.xmp).toBeUndefined()
  })

  test('turns a JPEG/HTML polyglot into a plain JPEG of the same size', async () => {
    const input = await polyglotJpeg()
    expect(has(input, '<script')).toBe(true)
    expect(await sharp(input).metadata()).toMatchObject({ format: 'jpeg', width: 64, height: 48 })

    const out = (await reencodePhoto(input))!
    expect(has(out.bytes, '<script')).toBe(false)
    expect(has(out.bytes, '<html')).toBe(false)
    const { info } = await sharp(out.bytes).raw().toBuffer({ resolveWithObject: true })
    expect([info.width, info.height]).toEqual([64, 48])
    // It ends where a JPEG ends: nothing after the end-of-image marker.
    expect([...out.bytes.subarray(-2)]).toEqual([0xff, 0xd9])
  })

  test('a PNG with a text chunk comes out a JPEG without it, transparency on white', async () => {
    const png = await sharp({ create: { width: 30, height: 20, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } })
      .png().withMetadata().toBuffer()
    const withText = Buffer.concat([png.subarray(0, png.length - 12), pngChunk('tEXt', `Comment\0${SCRIPT}`), png.subarray(png.length - 12)])
    expect(has(withText, '<script')).toBe(true)
    const out = (await reencodePhoto(withText))!
    expect(has(out.bytes, '<script')).toBe(false)
    const { data, info } = await sharp(out.bytes).raw().toBuffer({ resolveWithObject: true })
    expect([info.width, info.height, info.channels]).toEqual([30, 20, 3])
    expect(data[0]).toBeGreaterThan(240)
  })

  test('turns a photo upright by its EXIF orientation before dropping it', async () => {
    const sideways = await photo(40, 20).jpeg().withMetadata({ orientation: 6 }).toBuffer()
    const out = (await reencodePhoto(sideways))!
    expect(await sharp(out.bytes).metadata()).toMatchObject({ width: 20, height: 40 })
  })

  test('shrinks a large photo to the stored size, keeping its proportions', async () => {
    const big = await photo(3200, 2000).jpeg({ quality: 50 }).toBuffer()
    const out = (await reencodePhoto(big))!
    expect(await sharp(out.bytes).metadata()).toMatchObject({ width: STORED_PHOTO.maxSide, height: 1000 })
  })

  test('refuses an image over the pixel limit before decoding it (a decompression bomb)', async () => {
    const side = Math.ceil(Math.sqrt(MAX_PHOTO_PIXELS)) + 1
    const bomb = await sharp({ create: { width: side, height: side, channels: 3, background: '#fff' } }).png({ compressionLevel: 9 }).toBuffer()
    expect(bomb.byteLength).toBeLessThan(2 * 1024 * 1024)
    expect(await reencodePhoto(bomb)).toBeUndefined()
  })

  test('refuses bytes that only start like an image, and a format other than its magic bytes say', async () => {
    const jpeg = await photo().jpeg().toBuffer()
    expect(await reencodePhoto(jpeg.subarray(0, 200))).toBeUndefined()
    expect(await reencodePhoto(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeUndefined()
  })
})

/** One PNG chunk (length, type, data, CRC-32). */
function pngChunk(type: string, data: string): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), Buffer.from(data, 'latin1')])
  const length = Buffer.alloc(4)
  length.writeUInt32BE(body.length - 4)
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}

function crc32(bytes: Buffer): number {
  let c = ~0
  for (const b of bytes) {
    c ^= b
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1))
  }
  return ~c >>> 0
}
