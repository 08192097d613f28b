// How the console hands an object's bytes to a browser on its own origin.
// Inline only for media a browser shows and never runs (images, PDF, video);
// anything else someone put in a bucket (an HTML page, an SVG with a script)
// comes as a download, so that it never runs as a page of the console.
const INLINE_TYPES: readonly string[] = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/gif',
  'image/heic',
  'image/heif',
  'application/pdf',
  'video/mp4',
];

export function previewHeaders(contentType: string | null, size: number | null): Record<string, string> {
  const type = contentType ?? 'application/octet-stream';
  const mediaType = type.split(';')[0]!.trim().toLowerCase();
  return {
    'content-type': type,
    'x-content-type-options': 'nosniff',
    // Opened on its own, even an image gets no scripts, no origin and no frame around it.
    'content-security-policy': "sandbox; frame-ancestors 'none'",
    'content-disposition': INLINE_TYPES.includes(mediaType) ? 'inline' : 'attachment',
    ...(size === null ? {} : { 'content-length': String(size) }),
  };
}
