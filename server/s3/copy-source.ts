// The x-amz-copy-source header of CopyObject: `/bucket/key` or `bucket/key`,
// URL-encoded, possibly with `?versionId=` ("CopyObject", S3 API Reference).
// s3rver reads it with decodeURI and no query, so an encoded `/` (%2F) or `+`
// (%2B), or a `?versionId=`, makes it miss the source; the front hands it the
// form decodeURI reads back exactly.

export interface CopySource {
  bucket: string;
  key: string;
}

/** Undefined for what is not of that form (an access point ARN): s3rver then answers as it would. */
export function parseCopySource(value: string): CopySource | undefined {
  const path = value.split('?')[0]?.replace(/^\//, '') ?? '';
  const slash = path.indexOf('/');
  if (slash <= 0 || slash === path.length - 1) return undefined;
  try {
    return { bucket: decodeURIComponent(path.slice(0, slash)), key: decodeURIComponent(path.slice(slash + 1)) };
  } catch {
    return undefined;
  }
}

/** The header as s3rver reads it (s3rver keeps no versions, so a versionId is dropped). */
export function copySourceForS3rver(value: string): string {
  const source = parseCopySource(value);
  return source === undefined ? value : encodeURI(`${source.bucket}/${source.key}`);
}
