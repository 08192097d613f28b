// A multipart/form-data body as an operation's form reader sees it (the HTTP
// adapter parses the bytes, handlers/http/multipart-body.ts), and what the
// reader answers: the input, or why not, as data.
import type { FieldError } from '../../contracts/api.ts';

export interface MultipartFile {
  field: string;
  fileName: string;
  /** As declared by the part, lower-cased, without parameters. */
  mimeType: string;
  bytes: Buffer;
  /** The part was larger than `fileBytes`; `bytes` holds only the start. */
  truncated: boolean;
}

export interface MultipartField {
  name: string;
  value: string;
  truncated: boolean;
}

export interface MultipartForm {
  files: MultipartFile[];
  fields: MultipartField[];
}

export interface MultipartLimits {
  fileBytes: number;
  fieldBytes: number;
  /** Parts of either kind; more is a 400. */
  parts: number;
}

/**
 * The form's input; or its field errors (a 400 at `body.<field>`); or a file
 * too large to be sent in the request, with what to do instead (a 413).
 */
export type FormReading<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] } | { ok: false; fileTooLarge: string };
