// Files for the evidence specs: real headers of allowed types, a Windows
// executable to disguise, and a multipart form the typed client can send.
import type { AddEvidenceUpload } from '../../contracts/api.ts';

/** The smallest valid PNG: a 1x1 transparent pixel. */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

/** The start of a PE executable (`MZ`, the DOS stub), padded to `size`. */
export function windowsExecutable(size = 2048): Buffer {
  const bytes = Buffer.alloc(size);
  Buffer.from('4d5a90000300000004000000ffff0000b800000000000000400000000000000000', 'hex').copy(bytes);
  bytes.write('This program cannot be run in DOS mode.', 0x4e, 'latin1');
  return bytes;
}

/** A PDF header followed by padding up to exactly `size` bytes. */
export function paddedPdf(size: number): Buffer {
  const bytes = Buffer.alloc(size, 0x20);
  bytes.write('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 0, 'latin1');
  return bytes;
}

/** A PNG signature and header followed by padding up to exactly `size` bytes. */
export function paddedPng(size: number): Buffer {
  const bytes = Buffer.alloc(size);
  PNG.copy(bytes);
  return bytes;
}

export interface FormFile {
  name: string;
  type: string;
  bytes: Uint8Array;
}

/**
 * Options for the typed client's POST: the contract's AddEvidenceUpload as the
 * body, serialised as the multipart/form-data a phone's FormData sends.
 */
export function evidenceForm(file: FormFile, description?: string) {
  const body: AddEvidenceUpload = { file: file.name, ...(description === undefined ? {} : { description }) };
  return {
    body,
    bodySerializer: () => {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name);
      if (description !== undefined) form.append('description', description);
      return form;
    },
  };
}
