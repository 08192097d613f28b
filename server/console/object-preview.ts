// How the console hands an object's bytes to a browser on its own origin.
// Inline only for the evidence types (images, PDF, MP4), which a browser shows
// and never runs; anything else someone put in the bucket (an HTML page, an
// SVG with a script) comes as a download, so that it never runs as a page of
// the console.
import { isEvidenceContentType } from '../../handlers/domain/content-sniffing.ts';

export function previewHeaders(contentType: string | null, size: number | null): Record<string, string> {
  const type = contentType ?? 'application/octet-stream';
  const mediaType = type.split(';')[0]!.trim().toLowerCase();
  return {
    'content-type': type,
    'x-content-type-options': 'nosniff',
    // Opened on its own, even an image gets no scripts, no origin and no frame around it.
    'content-security-policy': "sandbox; frame-ancestors 'none'",
    'content-disposition': isEvidenceContentType(mediaType) ? 'inline' : 'attachment',
    ...(size === null ? {} : { 'content-length': String(size) }),
  };
}
