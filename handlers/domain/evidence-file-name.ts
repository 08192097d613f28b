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

/**
 * The name shown to people (`file_name`): the last path segment, without
 * control or format characters — bidi overrides such as U+202E would make
 * `evil\u202egpj.exe` read as `evilexe.jpg` — and never empty.
 */
export function displayFileName(raw: string): string {
  const lastSegment = raw.split(/[\\/]/).pop() ?? '';
  const shown = lastSegment
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}]/gu, '')
    .trim();
  return shown || FALLBACK;
}

/**
 * How a download is served: always as an attachment (never rendered inline by
 * a browser), named as shown, with an ASCII fallback for old clients
 * (RFC 6266, RFC 8187 for `filename*`).
 */
export function attachmentDisposition(fileName: string): string {
  const shown = displayFileName(fileName);
  const ascii = shown.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(shown).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
