// multipart/form-data request bodies, parsed with busboy from the event's
// body (base64 for binary media types, as HTTP API delivers them). Every part
// is bounded: a file beyond `fileBytes` is kept only up to the limit and
// marked truncated, so the caller decides what an oversized file means.
import busboy from 'busboy';
import { ValidationProblem } from '../problems/problem.ts';
import type { MultipartForm, MultipartLimits } from '../requests/multipart-form.ts';
import { mediaTypeOf, type BodyEvent } from './request-body.ts';

export function isMultipartForm(event: BodyEvent): boolean {
  return mediaTypeOf(event) === 'multipart/form-data';
}

export async function parseMultipartBody(event: BodyEvent, limits: MultipartLimits): Promise<MultipartForm> {
  if (event.body === undefined || event.body === null || event.body === '') {
    throw ValidationProblem.at('body', 'A multipart/form-data body is required');
  }
  const body = event.isBase64Encoded ? Buffer.from(event.body, 'base64') : Buffer.from(event.body, 'utf8');
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { 'content-type': event.headers?.['content-type'] ?? '' },
      // Keep the UTF-8 file names phones send.
      defParamCharset: 'utf8',
      // busboy flags a file that reaches its limit, so one byte more tells "over" from "exactly at".
      limits: { fileSize: limits.fileBytes + 1, fieldSize: limits.fieldBytes, parts: limits.parts },
    });
  } catch (error) {
    throw ValidationProblem.at('body', `Not a multipart/form-data body: ${error instanceof Error ? error.message : String(error)}`);
  }

  return new Promise<MultipartForm>((resolve, reject) => {
    const form: MultipartForm = { files: [], fields: [] };
    let tooManyParts = false;
    parser.on('file', (field, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const bytes = Buffer.concat(chunks);
        const truncated = bytes.length > limits.fileBytes;
        form.files.push({
          field,
          fileName: info.filename ?? '',
          mimeType: (info.mimeType ?? '').split(';')[0]!.trim().toLowerCase(),
          bytes: truncated ? bytes.subarray(0, limits.fileBytes) : bytes,
          truncated,
        });
      });
    });
    parser.on('field', (name, value, info) => form.fields.push({ name, value, truncated: info.valueTruncated }));
    parser.on('partsLimit', () => {
      tooManyParts = true;
    });
    parser.on('error', (error: unknown) => {
      reject(
        ValidationProblem.at('body', `Not a valid multipart/form-data body: ${error instanceof Error ? error.message : String(error)}`),
      );
    });
    parser.on('close', () => {
      if (tooManyParts) reject(ValidationProblem.at('body', `At most ${limits.parts} parts`));
      else resolve(form);
    });
    parser.end(body);
  });
}
