// How an S3 call's failure reads: its HTTP status, and whether it says the
// object is not there (HeadObject's bare 404 NotFound, GetObject's NoSuchKey).
export const statusOf = (error: unknown): number | undefined =>
  (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;

export function isMissing(error: unknown): boolean {
  return error instanceof Error && (error.name === 'NotFound' || error.name === 'NoSuchKey' || statusOf(error) === 404);
}
