// The errors the S3 front sends, as S3 sends them: a stable code, its HTTP
// status and S3's message, rendered as S3's XML error document.
// Codes, statuses and messages: "Error responses" in the Amazon S3 API Reference
// (https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html).
import { randomBytes } from 'node:crypto';

export const S3_ERRORS = {
  AccessDenied: { status: 403, message: 'Access Denied' },
  AccessForbidden: { status: 403, message: 'CORSResponse: This CORS request is not allowed.' },
  AuthorizationHeaderMalformed: { status: 400, message: 'The authorization header is malformed.' },
  AuthorizationQueryParametersError: { status: 400, message: 'Error parsing the query-string authentication parameters.' },
  BadDigest: { status: 400, message: 'The Content-MD5 or checksum value that you specified did not match what the server received.' },
  BadRequest: { status: 400, message: 'Bad Request' },
  EntityTooLarge: { status: 400, message: 'Your proposed upload exceeds the maximum allowed size' },
  EntityTooSmall: { status: 400, message: 'Your proposed upload is smaller than the minimum allowed size' },
  IncompleteBody: { status: 400, message: 'You did not provide the number of bytes specified by the Content-Length HTTP header.' },
  InternalError: { status: 500, message: 'We encountered an internal error. Please try again.' },
  IncorrectNumberOfFilesInPostRequest: { status: 400, message: 'POST requires exactly one file upload per request.' },
  InvalidAccessKeyId: { status: 403, message: 'The AWS Access Key Id you provided does not exist in our records.' },
  InvalidArgument: { status: 400, message: 'Invalid Argument' },
  InvalidPolicyDocument: { status: 400, message: 'Invalid Policy: Invalid JSON.' },
  InvalidRequest: { status: 400, message: 'Invalid Request' },
  InvalidToken: { status: 400, message: 'The provided token is malformed or otherwise invalid.' },
  MaxPostPreDataLengthExceededError: { status: 400, message: 'Your POST request fields preceding the upload file were too large.' },
  MalformedPOSTRequest: { status: 400, message: 'The body of your POST request is not well-formed multipart/form-data.' },
  NoSuchKey: { status: 404, message: 'The specified key does not exist.' },
  PreconditionFailed: { status: 412, message: 'At least one of the pre-conditions you specified did not hold' },
  MethodNotAllowed: { status: 405, message: 'The specified method is not allowed against this resource.' },
  RequestTimeTooSkewed: { status: 403, message: 'The difference between the request time and the current time is too large.' },
  SignatureDoesNotMatch: {
    status: 403,
    message: 'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
  },
  XAmzContentSHA256Mismatch: { status: 400, message: "The provided 'x-amz-content-sha256' header does not match what was computed." },
} as const satisfies Record<string, { status: number; message: string }>;

export type S3ErrorCode = keyof typeof S3_ERRORS;

export class S3Error extends Error {
  readonly code: S3ErrorCode;
  readonly status: number;
  /** Extra elements of the error document, in order (ProposedSize, MaxSizeAllowed, ...). */
  readonly details: Record<string, string | number>;
  /** Set when the request body was left unread: the connection is closed after the reply. */
  closeConnection = false;

  constructor(code: S3ErrorCode, message?: string, details: Record<string, string | number> = {}) {
    super(message ?? S3_ERRORS[code].message);
    this.name = 'S3Error';
    this.code = code;
    this.status = S3_ERRORS[code].status;
    this.details = details;
  }
}

/** S3's request ids: 16 upper-case hex digits. */
export function newRequestId(): string {
  return randomBytes(8).toString('hex').toUpperCase();
}

/** S3's extended request id (`x-amz-id-2`), a base64 token naming the host that answered. */
export function newHostId(): string {
  return randomBytes(48).toString('base64');
}

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] ?? c);
}

export function xmlElements(values: Record<string, string | number>): string {
  return Object.entries(values)
    .map(([name, value]) => `<${name}>${escapeXml(String(value))}</${name}>`)
    .join('');
}

export function errorXml(error: S3Error, requestId: string): string {
  const body = xmlElements({ Code: error.code, Message: error.message, ...error.details, RequestId: requestId });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Error>${body}</Error>`;
}
