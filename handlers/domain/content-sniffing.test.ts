import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EVIDENCE_CONTENT_TYPES, matchesDeclaredType, sniffContentType, type EvidenceContentType } from './content-sniffing.ts';

const hex = (text: string) => Buffer.from(text.replace(/\s+/g, ''), 'hex');

// First bytes of real files of each type.
const HEADERS: Record<EvidenceContentType, Buffer[]> = {
  'image/jpeg': [
    hex('ffd8ffdb 00430001 01010101 01010101'), // baseline JPEG, quantisation table first
    hex('ffd8ffe0 00104a46 49460001 01000001'), // JFIF
    hex('ffd8ffe1 1c454578 69660000 4d4d002a'), // camera Exif
  ],
  'image/png': [hex('89504e47 0d0a1a0a 0000000d 49484452 00000001 00000001')],
  'image/webp': [
    hex('52494646 a8010000 57454250 56503858 0a000000'), // RIFF....WEBPVP8X
    hex('52494646 1a000000 57454250 5650384c 0d000000'), // lossless
  ],
  'image/heic': [
    hex('00000018 66747970 68656963 00000000 6d696631 68656963'), // iPhone: heic, [mif1 heic]
    hex('0000001c 66747970 6d696631 00000000 6d696631 68656963 68657663'), // mif1 major, heic compatible
    hex('00000018 66747970 68656978 00000000 6d696631 68656978'), // heix
  ],
  'application/pdf': [hex('25504446 2d312e35 0a25d0d4 c5d80a31'), Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')],
  'video/mp4': [
    hex('00000020 66747970 69736f6d 00000200 69736f6d 69736f32 61766331 6d703431'), // ffmpeg
    hex('00000018 66747970 6d703432 00000000 69736f6d 6d703432'), // mp42
    hex('0000001c 66747970 4d345620 00000001 4d345620 4d344120 6d703432'), // iTunes M4V
    hex('00000018 66747970 33677034 00000000 69736f6d 33677034'), // unfamiliar major, isom compatible
  ],
};

const WINDOWS_EXE = hex('4d5a9000 03000000 04000000 ffff0000 b8000000 00000000 40000000');

test('each allowed type is recognised from its real header', () => {
  for (const type of EVIDENCE_CONTENT_TYPES) {
    for (const header of HEADERS[type]) {
      assert.equal(sniffContentType(header), type, `${type}: ${header.toString('hex')}`);
      assert.equal(matchesDeclaredType(header, type), true);
      for (const other of EVIDENCE_CONTENT_TYPES.filter((candidate) => candidate !== type)) {
        assert.equal(matchesDeclaredType(header, other), false, `${type} declared as ${other}`);
      }
    }
  }
});

test('a Windows .exe renamed to .pdf is refused', () => {
  assert.equal(sniffContentType(WINDOWS_EXE), null);
  assert.equal(matchesDeclaredType(WINDOWS_EXE, 'application/pdf'), false);
  for (const type of EVIDENCE_CONTENT_TYPES) assert.equal(matchesDeclaredType(WINDOWS_EXE, type), false);
});

test('look-alikes of the allowed types are not them', () => {
  const cases: [string, Buffer][] = [
    ['AVIF (generic HEIF brands, not HEVC)', hex('0000001c 66747970 61766966 00000000 61766966 6d696631 6d696166')],
    ['AVIF with a mif1 major brand', hex('0000001c 66747970 6d696631 00000000 6d696631 61766966 6d696166')],
    ['QuickTime movie', hex('00000014 66747970 71742020 00000200 71742020')],
    ['WAV (RIFF, not WEBP)', hex('52494646 24080000 57415645 666d7420')],
    ['GIF', Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1')],
    ['ZIP', hex('504b0304 14000600 08000000 2100')],
    ['ELF', hex('7f454c46 02010100 00000000 00000000')],
    ['text that mentions PDF', Buffer.from(' %PDF-1.4 but not at the start')],
    ['an ftyp box too short for its brand', hex('00000008 66747970 69736f6d')],
  ];
  for (const [name, bytes] of cases) assert.equal(sniffContentType(bytes), null, name);
});

test('too few bytes tell nothing', () => {
  assert.equal(sniffContentType(new Uint8Array()), null);
  assert.equal(sniffContentType(hex('ffd8')), null);
  assert.equal(sniffContentType(hex('89504e47 0d0a1a')), null);
  assert.equal(sniffContentType(Buffer.from('RIFF\x00\x00\x00\x00WEB', 'latin1')), null);
  assert.equal(sniffContentType(Buffer.from('%PDF', 'latin1')), null);
});

test('a view into a larger buffer is read from its own start', () => {
  const backing = Buffer.concat([WINDOWS_EXE, HEADERS['image/png'][0]!]);
  assert.equal(sniffContentType(backing.subarray(WINDOWS_EXE.length)), 'image/png');
  assert.equal(sniffContentType(new Uint8Array(backing.buffer, backing.byteOffset, WINDOWS_EXE.length)), null);
});
