// The W3C Bitstring Status List codec (the bitstring, its encodedList, the purposes): pure, part of
// the credential engine (verify reads it); lib/status keeps the lists and their credentials.
import { gunzipSync, gzipSync } from 'node:zlib'

/** W3C Bitstring Status List §2.2 / §3.1: at least 131,072 entries (16 KB), for herd privacy. */
export const MIN_LIST_SIZE = 131_072
// One list with the status_lists.purpose column (db/enums.ts, decision 037).
import { STATUS_PURPOSES, type StatusPurpose } from '@/db/enums'
export { STATUS_PURPOSES, type StatusPurpose }

export function isStatusPurpose(v: unknown): v is StatusPurpose {
  return typeof v === 'string' && (STATUS_PURPOSES as readonly string[]).includes(v)
}

/** An all-zero bitstring of `size` bits. */
export function emptyBits(size = MIN_LIST_SIZE): Uint8Array {
  if (size % 8 !== 0) throw new TypeError('size must be a multiple of 8')
  return new Uint8Array(size / 8)
}

/** Bit `index`, counted from the left: index 0 is the most significant bit of byte 0 (§3.2). */
export function getBit(bits: Uint8Array, index: number): boolean {
  const byte = bits[index >> 3]
  if (byte === undefined || index < 0) throw new RangeError(`index ${index} is outside the list`)
  return (byte & (0x80 >> (index & 7))) !== 0
}

/** A copy of `bits` with bit `index` set to `value`. */
export function withBit(bits: Uint8Array, index: number, value: boolean): Uint8Array {
  getBit(bits, index)
  const copy = new Uint8Array(bits)
  const mask = 0x80 >> (index & 7)
  copy[index >> 3] = value ? copy[index >> 3]! | mask : copy[index >> 3]! & ~mask
  return copy
}

/** `encodedList`: the GZIP-compressed bitstring, multibase base64url without padding (prefix 'u'). */
export function encodeList(bits: Uint8Array): string {
  return `u${gzipSync(bits).toString('base64url')}`
}

/** The bitstring of an `encodedList`. @throws Error when it is not multibase base64url GZIP data. */
export function decodeList(encoded: string, maxBytes = 16 * 1024 * 1024): Uint8Array {
  if (typeof encoded !== 'string' || !encoded.startsWith('u')) throw new Error('encodedList is not multibase base64url (no "u" prefix)')
  const body = encoded.slice(1)
  if (!/^[A-Za-z0-9_-]*$/.test(body)) throw new Error('encodedList is not base64url')
  return new Uint8Array(gunzipSync(Buffer.from(body, 'base64url'), { maxOutputLength: maxBytes }))
}
