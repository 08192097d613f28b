// The file name becomes the last segment of an S3 key under the dispute's
// evidence prefix, so it must never be able to leave that prefix.

const MAX_LENGTH = 120;
const FALLBACK = 'file';

/** A safe single key segment that keeps the extension when there is one. */
export function sanitiseFileName(raw: string): string {
  const lastSegment = raw.split(/[\\/]/).pop() ?? '';
  const cleaned = lastSegment
    .normalize('NFC')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is stripped
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .replace(/\.{2,}/g, '.')
    .replace(/[^\p{L}\p{N}._ -]/gu, '_')
    .replace(/\s+/g, '_')
    .replace(/^[._]+/, '')
    .replace(/\.+$/, '')
    .trim();
  const dot = cleaned.lastIndexOf('.');
  const extension = dot > 0 ? cleaned.slice(dot, dot + 11) : '';
  const stem = (dot > 0 ? cleaned.slice(0, dot) : cleaned).slice(0, MAX_LENGTH - extension.length);
  return `${stem || FALLBACK}${extension}`;
}
