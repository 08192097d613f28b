// The parts of SigV4 that header, query and POST authentication share: the
// credential scope (key/date/region/s3/aws4_request) and the X-Amz-Date stamp.
import { S3_REGION } from './emulator-signer.ts';
import { LOCAL_SESSION_TOKEN } from '../local-aws.ts';
import { S3Error } from './s3-error.ts';
import type { S3ErrorCode } from './s3-error.ts';

export interface CredentialScope {
  accessKeyId: string;
  /** YYYYMMDD */
  date: string;
  region: string;
  /** date/region/s3/aws4_request */
  scope: string;
}

/** A YYYYMMDD'T'HHMMSS'Z' stamp as a Date, or undefined when malformed. */
export function parseAmzDate(stamp: string | undefined): Date | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(stamp ?? '');
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s] = match.map(Number) as [number, number, number, number, number, number, number];
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** The Date a YYYYMMDD scope date stands for; the signer only uses its day. */
export function scopeDay(scope: CredentialScope): Date {
  return new Date(`${scope.date.slice(0, 4)}-${scope.date.slice(4, 6)}-${scope.date.slice(6, 8)}T00:00:00Z`);
}

export function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * A session token, where one is sent, must be the one issued with the key (the
 * functions' temporary credentials); long-term use of the key sends none.
 */
export function checkSessionToken(token: string | undefined): void {
  if (token !== undefined && token !== LOCAL_SESSION_TOKEN) throw new S3Error('InvalidToken', undefined, { Token: token });
}

/**
 * Parses and checks a credential: unknown keys are InvalidAccessKeyId (403);
 * a wrong region or a malformed scope is `malformedCode` (400), as S3 words it.
 */
export function parseCredential(
  credential: string,
  amzDate: string,
  malformedCode: S3ErrorCode,
  malformedPrefix: string,
  expectedAccessKeyId: string,
): CredentialScope {
  const parts = credential.split('/');
  const [accessKeyId = '', date = '', region = '', service = '', terminator = ''] = parts;
  if (parts.length !== 5 || !/^\d{8}$/.test(date)) {
    throw new S3Error(malformedCode, `${malformedPrefix}; a non-empty Access Key (AKID) must be provided in the credential.`);
  }
  if (accessKeyId !== expectedAccessKeyId) throw new S3Error('InvalidAccessKeyId', undefined, { AWSAccessKeyId: accessKeyId });
  if (region !== S3_REGION) {
    throw new S3Error(malformedCode, `${malformedPrefix}; the region '${region}' is wrong; expecting '${S3_REGION}'`, {
      Region: S3_REGION,
    });
  }
  if (service !== 's3') {
    throw new S3Error(malformedCode, `${malformedPrefix}; incorrect service "${service}". This endpoint belongs to "s3".`);
  }
  if (terminator !== 'aws4_request') {
    throw new S3Error(malformedCode, `${malformedPrefix}; incorrect terminal "${terminator}". This endpoint uses "aws4_request".`);
  }
  if (date !== amzDate.slice(0, 8)) {
    throw new S3Error(
      malformedCode,
      `${malformedPrefix}; Invalid credential date "${date}". This date is not the same as X-Amz-Date: "${amzDate.slice(0, 8)}".`,
    );
  }
  return { accessKeyId, date, region, scope: `${date}/${region}/s3/aws4_request` };
}
