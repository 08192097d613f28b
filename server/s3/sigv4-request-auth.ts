// Authenticates a REST request signed with SigV4, in the Authorization header
// ("Authenticating Requests: Using the Authorization Header (AWS Signature
// Version 4)") or in the query of a presigned URL ("Authenticating Requests:
// Using Query Parameters (AWS Signature Version 4)",
// https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html).
// The expected signature is recomputed by @smithy/signature-v4 from exactly the
// headers the client says it signed, then compared in constant time.
import { signaturesMatch, type EmulatorSigner } from './emulator-signer.ts';
import { firstQueryValue } from './request-target.ts';
import type { RequestTarget } from './request-target.ts';
import { S3Error } from './s3-error.ts';
import { checkSessionToken, isoSeconds, parseAmzDate, parseCredential } from './sigv4-credential.ts';
import type { CredentialScope } from './sigv4-credential.ts';

export interface VerifiedRequest {
  scope: CredentialScope;
  amzDate: string;
  signature: string;
  /** The x-amz-content-sha256 value (header auth) or UNSIGNED-PAYLOAD (presigned). */
  payloadHash: string;
}

const MAX_SKEW_MS = 15 * 60 * 1000;
const MAX_PRESIGNED_EXPIRES = 604_800;
const PAYLOAD_HASH = /^(UNSIGNED-PAYLOAD|STREAMING-UNSIGNED-PAYLOAD-TRAILER|STREAMING-AWS4-HMAC-SHA256-PAYLOAD(-TRAILER)?|[0-9a-f]{64})$/;

function pickHeaders(headers: Record<string, string>, names: string[]): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const name of names) {
    const value = headers[name];
    if (value !== undefined) picked[name] = value;
  }
  return picked;
}

function parseAuthorization(header: string): { credential: string; signedHeaders: string[]; signature: string } {
  if (!header.startsWith('AWS4-HMAC-SHA256 ')) {
    throw new S3Error('InvalidRequest', 'The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.');
  }
  const fields = new Map<string, string>();
  for (const part of header.slice('AWS4-HMAC-SHA256 '.length).split(',')) {
    const at = part.indexOf('=');
    if (at > 0) fields.set(part.slice(0, at).trim(), part.slice(at + 1).trim());
  }
  const credential = fields.get('Credential');
  const signedHeaders = fields.get('SignedHeaders');
  const signature = fields.get('Signature');
  if (!credential || !signedHeaders || !signature) {
    throw new S3Error(
      'AuthorizationHeaderMalformed',
      'The authorization header is malformed; the Credential is mal-formed; expecting "<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request".',
    );
  }
  return { credential, signedHeaders: signedHeaders.split(';'), signature };
}

/** Header auth; throws the S3Error S3 would send. */
export async function verifyAuthorizationHeader(target: RequestTarget, signer: EmulatorSigner, now: Date): Promise<VerifiedRequest> {
  const { credential, signedHeaders, signature } = parseAuthorization(target.headers['authorization'] ?? '');
  const amzDate = target.headers['x-amz-date'] ?? '';
  const signingDate = parseAmzDate(amzDate);
  if (!signingDate) throw new S3Error('AccessDenied', 'AWS authentication requires a valid Date or x-amz-date header');
  const scope = parseCredential(
    credential,
    amzDate,
    'AuthorizationHeaderMalformed',
    'The authorization header is malformed',
    signer.accessKeyId,
  );
  checkSessionToken(target.headers['x-amz-security-token']);
  if (Math.abs(now.getTime() - signingDate.getTime()) > MAX_SKEW_MS) {
    throw new S3Error('RequestTimeTooSkewed', undefined, {
      RequestTime: amzDate,
      ServerTime: isoSeconds(now),
      MaxAllowedSkewMilliseconds: MAX_SKEW_MS,
    });
  }
  const payloadHash = target.headers['x-amz-content-sha256'];
  if (payloadHash === undefined) throw new S3Error('InvalidRequest', 'Missing required header for this request: x-amz-content-sha256');
  if (!PAYLOAD_HASH.test(payloadHash)) {
    throw new S3Error(
      'InvalidArgument',
      'x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-UNSIGNED-PAYLOAD-TRAILER, STREAMING-AWS4-HMAC-SHA256-PAYLOAD, STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER or a valid sha256 value.',
      {
        ArgumentName: 'x-amz-content-sha256',
        ArgumentValue: payloadHash,
      },
    );
  }

  const signed = await signer.sign(
    {
      method: target.method,
      protocol: 'http:',
      hostname: target.headers['host'] ?? '',
      path: target.path,
      query: target.query,
      // The payload hash is the canonical request's last line, signed or not.
      headers: { ...pickHeaders(target.headers, signedHeaders), 'x-amz-content-sha256': payloadHash },
    },
    { signingDate, signingRegion: scope.region, signingService: 's3', signableHeaders: new Set(signedHeaders) },
  );
  const expected = /Signature=([0-9a-f]+)/.exec(signed.headers['authorization'] ?? '')?.[1] ?? '';
  if (!signaturesMatch(expected, signature)) {
    throw new S3Error('SignatureDoesNotMatch', undefined, { AWSAccessKeyId: scope.accessKeyId, SignatureProvided: signature });
  }
  return { scope, amzDate, signature, payloadHash };
}

const QUERY_PARAMETERS = ['X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Signature', 'X-Amz-Date', 'X-Amz-SignedHeaders', 'X-Amz-Expires'];

/** Presigned URL auth; the expiry is checked before the signature, as S3 does. */
export async function verifyPresignedUrl(target: RequestTarget, signer: EmulatorSigner, now: Date): Promise<VerifiedRequest> {
  const value = (name: string) => firstQueryValue(target, name);
  if (QUERY_PARAMETERS.some((name) => !value(name))) {
    throw new S3Error(
      'AuthorizationQueryParametersError',
      'Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.',
    );
  }
  if (value('X-Amz-Algorithm') !== 'AWS4-HMAC-SHA256') {
    throw new S3Error('AuthorizationQueryParametersError', 'X-Amz-Algorithm only supports "AWS4-HMAC-SHA256"');
  }
  const amzDate = value('X-Amz-Date') ?? '';
  const signingDate = parseAmzDate(amzDate);
  if (!signingDate) {
    throw new S3Error('AuthorizationQueryParametersError', "X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\"");
  }
  const expiresText = value('X-Amz-Expires') ?? '';
  if (!/^\d+$/.test(expiresText)) throw new S3Error('AuthorizationQueryParametersError', 'X-Amz-Expires should be a number');
  const expiresIn = Number(expiresText);
  if (expiresIn > MAX_PRESIGNED_EXPIRES) {
    throw new S3Error('AuthorizationQueryParametersError', 'X-Amz-Expires must be less than a week (in seconds) that is 604800');
  }
  const scope = parseCredential(
    value('X-Amz-Credential') ?? '',
    amzDate,
    'AuthorizationQueryParametersError',
    'Error parsing the X-Amz-Credential parameter',
    signer.accessKeyId,
  );
  checkSessionToken(value('X-Amz-Security-Token'));
  const expires = new Date(signingDate.getTime() + expiresIn * 1000);
  if (now.getTime() > expires.getTime()) {
    throw new S3Error('AccessDenied', 'Request has expired', {
      'X-Amz-Expires': expiresText,
      Expires: isoSeconds(expires),
      ServerTime: isoSeconds(now),
    });
  }

  const signedHeaders = (value('X-Amz-SignedHeaders') ?? '').split(';');
  const payloadHash = value('X-Amz-Content-Sha256') ?? 'UNSIGNED-PAYLOAD';
  const { 'X-Amz-Signature': provided, ...query } = target.query;
  // The payload hash travels as an unsigned, unhoisted header so that it only feeds the last line.
  const hashOnly = signedHeaders.includes('x-amz-content-sha256') ? new Set<string>() : new Set(['x-amz-content-sha256']);
  const presigned = await signer.presign(
    {
      method: target.method,
      protocol: 'http:',
      hostname: target.headers['host'] ?? '',
      path: target.path,
      query,
      headers: { ...pickHeaders(target.headers, signedHeaders), 'x-amz-content-sha256': payloadHash },
    },
    {
      signingDate,
      expiresIn,
      signingRegion: scope.region,
      signingService: 's3',
      signableHeaders: new Set(signedHeaders),
      unsignableHeaders: hashOnly,
      unhoistableHeaders: new Set([...signedHeaders, 'x-amz-content-sha256']),
    },
  );
  const signature = Array.isArray(provided) ? (provided[0] ?? '') : (provided ?? '');
  const expected = presigned.query?.['X-Amz-Signature'];
  if (typeof expected !== 'string' || !signaturesMatch(expected, signature)) {
    throw new S3Error('SignatureDoesNotMatch', undefined, { AWSAccessKeyId: scope.accessKeyId, SignatureProvided: signature });
  }
  return { scope, amzDate, signature, payloadHash };
}
