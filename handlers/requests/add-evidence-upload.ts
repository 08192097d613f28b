// The multipart flow's form (the contract's AddEvidenceUpload): exactly one
// file part of an allowed content type, at most 4 MiB, and an optional
// `description`. The file part is `file` in the contract, but any field name
// is taken for it: clients name it their own way (the mobile app among them),
// and one file part cannot be mistaken for another. Errors name the field, as
// the JSON schemas do (the file at `body.file`); they are answered as data,
// for the HTTP adapter to turn into its 400 or 413.
import { isEvidenceContentType, type EvidenceContentType } from '../domain/content-sniffing.ts';
import { MAX_EVIDENCE_DESCRIPTION_LENGTH, MAX_MULTIPART_FILE_BYTES } from '../domain/evidence-upload-rules.ts';
import type { FieldError } from '../../contracts/api.ts';
import type { FormReading, MultipartForm, MultipartLimits } from './multipart-form.ts';

export interface AddEvidenceUploadInput {
  file_name: string;
  content_type: EvidenceContentType;
  bytes: Buffer;
  description?: string;
}

const MAX_FILE_NAME_LENGTH = 255;
/** Text parts: `file` only to be told it must be a file. */
const KNOWN_FIELDS = new Set(['file', 'description']);

export const ADD_EVIDENCE_UPLOAD_LIMITS: MultipartLimits = {
  fileBytes: MAX_MULTIPART_FILE_BYTES,
  // A description is at most 1000 characters, 4 bytes each at worst.
  fieldBytes: MAX_EVIDENCE_DESCRIPTION_LENGTH * 4,
  parts: 8,
};

export const PRESIGNED_FLOW_HINT =
  `Send at most ${MAX_MULTIPART_FILE_BYTES} bytes (4 MiB) as multipart/form-data. For a larger file, POST JSON ` +
  '{"file_name", "content_type", "size"} to this URL instead and upload the file to S3 with the presigned POST in the answer (up to 10 MiB).';

export function readAddEvidenceUpload(form: MultipartForm): FormReading<AddEvidenceUploadInput> {
  const files = form.files;
  // Too large decides first: nothing else about the request can make it work.
  if (files.some((part) => part.truncated)) return { ok: false, fileTooLarge: PRESIGNED_FLOW_HINT };

  const errors: FieldError[] = [];
  for (const name of new Set(form.fields.map((part) => part.name))) {
    if (!KNOWN_FIELDS.has(name)) errors.push({ path: `body.${name}`, message: 'Unknown field' });
  }

  const file = files[0];
  if (files.length !== 1 || form.fields.some((part) => part.name === 'file')) {
    errors.push({ path: 'body.file', message: 'Send exactly one file part, with a file name (named file, or any other name)' });
  } else if (file) {
    if (!isEvidenceContentType(file.mimeType)) {
      errors.push({
        path: 'body.file',
        message: `Content type ${file.mimeType || '(none)'} is not allowed; send JPEG, PNG, WebP, HEIC, PDF or MP4`,
      });
    } else if (file.bytes.length === 0) {
      errors.push({ path: 'body.file', message: 'The file is empty' });
    } else if (file.fileName.trim() === '' || file.fileName.length > MAX_FILE_NAME_LENGTH) {
      errors.push({ path: 'body.file', message: `The file part needs a file name of 1 to ${MAX_FILE_NAME_LENGTH} characters` });
    }
  }

  const descriptions = form.fields.filter((part) => part.name === 'description');
  const description = descriptions[0];
  if (descriptions.length > 1) errors.push({ path: 'body.description', message: 'Send at most one description' });
  else if (description && (description.truncated || description.value.length > MAX_EVIDENCE_DESCRIPTION_LENGTH)) {
    errors.push({ path: 'body.description', message: `At most ${MAX_EVIDENCE_DESCRIPTION_LENGTH} characters` });
  }

  if (errors.length > 0 || !file || !isEvidenceContentType(file.mimeType)) return { ok: false, errors };
  return {
    ok: true,
    value: {
      file_name: file.fileName,
      content_type: file.mimeType,
      bytes: file.bytes,
      ...(description ? { description: description.value } : {}),
    },
  };
}
