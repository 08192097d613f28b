// What a file is, judged by its first bytes (magic numbers), for the evidence
// types the contract allows. The declared content type is only a claim: a
// renamed .exe says application/pdf but starts with `MZ`.
import type { EvidenceContentType } from '../../contracts/api.ts';

export type { EvidenceContentType };

export const EVIDENCE_CONTENT_TYPES = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/heic',
  'application/pdf',
  'video/mp4',
] as const satisfies readonly EvidenceContentType[];

/** Enough for every signature below, an ISO-BMFF `ftyp` box with its compatible brands included. */
export const SNIFF_BYTES = 256;

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

// ISO-BMFF brands (the `ftyp` box). The HEIF-specific ones name HEVC images;
// mif1/msf1 are the generic HEIF brands that AVIF shares.
const HEIC_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis']);
const GENERIC_HEIF_BRANDS = new Set(['mif1', 'msf1']);
const AVIF_BRANDS = new Set(['avif', 'avis']);
const MP4_BRANDS = new Set([
  'isom',
  'iso2',
  'iso3',
  'iso4',
  'iso5',
  'iso6',
  'iso7',
  'iso8',
  'iso9',
  'mp41',
  'mp42',
  'mp71',
  'avc1',
  'av01',
  'M4V ',
  'M4VH',
  'M4VP',
  'dash',
  'mmp4',
  'MSNV',
  'f4v ',
]);

export function isEvidenceContentType(value: string): value is EvidenceContentType {
  return (EVIDENCE_CONTENT_TYPES as readonly string[]).includes(value);
}

/** The allowed type these bytes are, or null when they are none of them (or too few to tell). */
export function sniffContentType(firstBytes: Uint8Array): EvidenceContentType | null {
  const bytes = Buffer.from(firstBytes.buffer, firstBytes.byteOffset, firstBytes.byteLength);
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, PNG_SIGNATURE)) return 'image/png';
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return 'image/webp';
  if (ascii(bytes, 0, 5) === '%PDF-') return 'application/pdf';
  if (ascii(bytes, 4, 8) === 'ftyp') return isoMediaType(bytes);
  return null;
}

/** Whether the content really is the type the client declared. */
export function matchesDeclaredType(firstBytes: Uint8Array, declared: string): boolean {
  const sniffed = sniffContentType(firstBytes);
  return sniffed !== null && sniffed === declared;
}

function isoMediaType(bytes: Buffer): EvidenceContentType | null {
  if (bytes.length < 16) return null;
  const boxSize = bytes.readUInt32BE(0);
  if (boxSize < 16) return null;
  const major = ascii(bytes, 8, 12);
  const compatible: string[] = [];
  for (let at = 16; at + 4 <= Math.min(boxSize, bytes.length); at += 4) compatible.push(ascii(bytes, at, at + 4));

  if (HEIC_BRANDS.has(major)) return 'image/heic';
  if (GENERIC_HEIF_BRANDS.has(major)) return compatible.some((brand) => AVIF_BRANDS.has(brand)) ? null : 'image/heic';
  if (MP4_BRANDS.has(major)) return 'video/mp4';
  // An unfamiliar major brand: the compatible brands decide, HEIF images first.
  if (compatible.some((brand) => HEIC_BRANDS.has(brand))) return 'image/heic';
  if (compatible.some((brand) => AVIF_BRANDS.has(brand) || GENERIC_HEIF_BRANDS.has(brand))) return null;
  if (compatible.some((brand) => MP4_BRANDS.has(brand))) return 'video/mp4';
  return null;
}

function startsWith(bytes: Buffer, signature: readonly number[]): boolean {
  return bytes.length >= signature.length && signature.every((byte, index) => bytes[index] === byte);
}

function ascii(bytes: Buffer, start: number, end: number): string {
  return bytes.length >= end ? bytes.toString('latin1', start, end) : '';
}
