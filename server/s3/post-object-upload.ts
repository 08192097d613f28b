// A browser-based POST upload ("POST Object",
// https://docs.aws.amazon.com/AmazonS3/latest/API/RESTObjectPOST.html, and
// "Creating an HTML Form (Using AWS Signature Version 4)"): the form fields
// before `file` are authenticated (signature over the base64 policy) and held
// against the policy before a byte of the file is stored; the file is counted
// while it streams to a spool file, checked against content-length-range, and
// only then PUT to s3rver. Fields after `file` are ignored, as S3 ignores them.
import type { Multipart } from '@fastify/multipart';
import { signaturesMatch, type EmulatorSigner } from './emulator-signer.ts';
import { unquoted } from './object-created.ts';
import { checkContentLength, checkPolicy } from './post-policy.ts';
import type { ContentLengthRange } from './post-policy.ts';
import { S3Error, xmlElements } from './s3-error.ts';
import type { S3rverBackend } from './s3rver-backend.ts';
import { objectPath } from './s3rver-backend.ts';
import { checkSessionToken, parseCredential, scopeDay } from './sigv4-credential.ts';
import { SpoolFile } from './spool-file.ts';

export interface PostUploadContext {
  bucket: string;
  signer: EmulatorSigner;
  now: Date;
  spoolDir: string;
  backend: S3rverBackend;
  /** http://host:port the client used, for the Location of the object. */
  origin: string;
}

export interface UploadReply {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** What was stored, when the upload succeeded (ETag without quotes). */
  stored?: { key: string; size: number; eTag: string };
}

/** "The form data and boundaries (excluding the contents of the file) cannot exceed 20 KB." */
const MAX_FORM_FIELDS_BYTES = 20 * 1024;
/** POST, like PUT, stores at most 5 GB in one request. */
const MAX_OBJECT_BYTES = 5 * 1024 ** 3;
/** How far past the limit the file is still read (and dropped) so the client gets the error. */
const DRAIN_PAST_LIMIT = 64 * 1024 * 1024;
const STORED_FIELD =
  /^(content-type|cache-control|content-disposition|content-encoding|content-language|expires|x-amz-meta-.+|x-amz-storage-class)$/;

function required(fields: Map<string, string>, name: string, shown: string): string {
  const value = fields.get(name);
  if (value === undefined) {
    throw new S3Error(
      'InvalidArgument',
      `Bucket POST must contain a field named '${shown}'.  If it is specified, please check the order of the fields.`,
      {
        ArgumentName: shown,
        ArgumentValue: '',
      },
    );
  }
  return value;
}

/** Signature and policy, from the fields that came before the file. */
async function authorize(fields: Map<string, string>, context: PostUploadContext): Promise<ContentLengthRange | undefined> {
  required(fields, 'key', 'key');
  // Without a policy and signature the upload is anonymous, and the bucket is private.
  if (!fields.has('policy') && !fields.has('x-amz-signature')) throw new S3Error('AccessDenied');
  const policy = required(fields, 'policy', 'Policy');
  const algorithm = required(fields, 'x-amz-algorithm', 'X-Amz-Algorithm');
  if (algorithm !== 'AWS4-HMAC-SHA256') {
    throw new S3Error('InvalidArgument', 'X-Amz-Algorithm only supports "AWS4-HMAC-SHA256"', {
      ArgumentName: 'X-Amz-Algorithm',
      ArgumentValue: algorithm,
    });
  }
  const credential = required(fields, 'x-amz-credential', 'X-Amz-Credential');
  const amzDate = required(fields, 'x-amz-date', 'X-Amz-Date');
  const signature = required(fields, 'x-amz-signature', 'X-Amz-Signature');
  const scope = parseCredential(
    credential,
    amzDate,
    'InvalidArgument',
    'Error parsing the X-Amz-Credential parameter',
    context.signer.accessKeyId,
  );
  checkSessionToken(fields.get('x-amz-security-token'));
  // The string to sign of a POST is the base64 policy itself.
  const expected = await context.signer.sign(policy, { signingDate: scopeDay(scope), signingRegion: scope.region, signingService: 's3' });
  if (!signaturesMatch(expected, signature)) {
    throw new S3Error('SignatureDoesNotMatch', undefined, { AWSAccessKeyId: scope.accessKeyId, SignatureProvided: signature });
  }
  return checkPolicy(policy, { bucket: context.bucket, fields }, context.now);
}

async function storedReply(
  fields: Map<string, string>,
  filename: string,
  file: { path: string; size: number },
  context: PostUploadContext,
): Promise<UploadReply> {
  // biome-ignore lint/suspicious/noTemplateCurlyInString: S3's POST key placeholder, literally
  const key = (fields.get('key') ?? '').replaceAll('${filename}', filename);
  const headers = Object.fromEntries([...fields].filter(([name]) => STORED_FIELD.test(name)));
  const stored = await context.backend.putFile(context.bucket, key, file, headers);
  const body = await new Response(stored.body as unknown as ReadableStream).text();
  if (stored.status >= 300) return { status: stored.status, headers: { 'content-type': 'application/xml' }, body };

  const etag = String(stored.headers.etag ?? '');
  const location = `${context.origin}${objectPath(context.bucket, key)}`;
  const object = { key, size: file.size, eTag: unquoted(etag) };
  const redirect = fields.get('success_action_redirect') ?? fields.get('redirect');
  if (redirect && URL.canParse(redirect)) {
    const target = new URL(redirect);
    target.searchParams.set('bucket', context.bucket);
    target.searchParams.set('key', key);
    target.searchParams.set('etag', etag);
    return { status: 303, headers: { location: target.toString() }, body: '', stored: object };
  }
  const status = Number(fields.get('success_action_status'));
  const headers204 = { etag, location };
  if (status === 201) {
    const xml = xmlElements({ Location: location, Bucket: context.bucket, Key: key, ETag: etag });
    return {
      status,
      headers: { ...headers204, 'content-type': 'application/xml' },
      body: `<?xml version="1.0" encoding="UTF-8"?>\n<PostResponse>${xml}</PostResponse>`,
      stored: object,
    };
  }
  return { status: status === 200 ? 200 : 204, headers: headers204, body: '', stored: object };
}

async function storeFile(
  fields: Map<string, string>,
  file: { stream: AsyncIterable<Buffer> | Iterable<Buffer>; filename: string },
  context: PostUploadContext,
): Promise<UploadReply> {
  const range = await authorize(fields, context);
  const limit = Math.min(range?.max ?? MAX_OBJECT_BYTES, MAX_OBJECT_BYTES);
  const spool = new SpoolFile(context.spoolDir);
  try {
    let size = 0;
    let complete = true;
    for await (const chunk of file.stream) {
      size += chunk.length;
      if (size <= limit) await spool.write(chunk);
      else if (size > limit + DRAIN_PAST_LIMIT) {
        complete = false;
        break;
      }
    }
    try {
      checkContentLength(size, range ?? { min: 0, max: limit });
    } catch (error) {
      if (error instanceof S3Error) error.closeConnection = !complete;
      throw error;
    }
    const spooled = await spool.finish();
    return await storedReply(fields, file.filename, spooled, context);
  } finally {
    await spool.remove();
  }
}

/** Reads the form part by part and answers as S3 would; throws S3Error. */
export async function postObjectUpload(parts: AsyncIterable<Multipart>, context: PostUploadContext): Promise<UploadReply> {
  const fields = new Map<string, string>();
  let fieldBytes = 0;
  let reply: UploadReply | undefined;
  for await (const part of parts) {
    const name = part.fieldname.toLowerCase();
    if (reply) {
      if (part.type === 'file') part.file.resume();
      continue;
    }
    if (name !== 'file') {
      if (part.type === 'file') throw new S3Error('IncorrectNumberOfFilesInPostRequest');
      fieldBytes += part.fieldname.length + String(part.value).length;
      if (fieldBytes > MAX_FORM_FIELDS_BYTES) throw new S3Error('MaxPostPreDataLengthExceededError');
      if (!fields.has(name)) fields.set(name, String(part.value));
      continue;
    }
    // The file may also come as a plain field named "file".
    const file: { stream: AsyncIterable<Buffer> | Iterable<Buffer>; filename: string } =
      part.type === 'file'
        ? { stream: part.file as AsyncIterable<Buffer>, filename: part.filename }
        : { stream: [Buffer.from(String(part.value), 'utf8')], filename: '' };
    reply = await storeFile(fields, file, context);
  }
  if (!reply) {
    required(fields, 'key', 'key');
    throw new S3Error('IncorrectNumberOfFilesInPostRequest');
  }
  return reply;
}
