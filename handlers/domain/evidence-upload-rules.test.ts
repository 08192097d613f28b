import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  confirmationStep,
  judgeStoredObject,
  MAX_EVIDENCE_BYTES,
  UPLOAD_ARRIVAL_MARGIN_SECONDS,
  uploadCanStillArrive,
} from './evidence-upload-rules.ts';

const PDF_HEAD = Buffer.from('%PDF-1.7\n');
const EXE_HEAD = Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00]);

test('an object of the declared type within 1 B..10 MiB is uploaded, with its real size', () => {
  assert.deepEqual(judgeStoredObject({ size: 1234, firstBytes: PDF_HEAD }, 'application/pdf'), { status: 'uploaded', size: 1234 });
  assert.deepEqual(judgeStoredObject({ size: MAX_EVIDENCE_BYTES, firstBytes: PDF_HEAD }, 'application/pdf'), {
    status: 'uploaded',
    size: MAX_EVIDENCE_BYTES,
  });
});

test('wrong content or size is rejected, with the reason', () => {
  assert.deepEqual(judgeStoredObject({ size: 5000, firstBytes: EXE_HEAD }, 'application/pdf'), {
    status: 'rejected',
    reason: 'content_type_mismatch',
  });
  assert.deepEqual(judgeStoredObject({ size: 5000, firstBytes: PDF_HEAD }, 'image/png'), {
    status: 'rejected',
    reason: 'content_type_mismatch',
  });
  assert.deepEqual(judgeStoredObject({ size: MAX_EVIDENCE_BYTES + 1, firstBytes: PDF_HEAD }, 'application/pdf'), {
    status: 'rejected',
    reason: 'size_out_of_range',
  });
  assert.deepEqual(judgeStoredObject({ size: 0, firstBytes: new Uint8Array() }, 'application/pdf'), {
    status: 'rejected',
    reason: 'size_out_of_range',
  });
});

test('an upload may arrive until the policy expires, plus the margin', () => {
  const created = '2026-01-01T00:00:00.000Z';
  const at = (seconds: number) => new Date(Date.parse(created) + seconds * 1000);
  assert.equal(uploadCanStillArrive(created, at(0), 600), true);
  assert.equal(uploadCanStillArrive(created, at(600 + UPLOAD_ARRIVAL_MARGIN_SECONDS), 600), true);
  assert.equal(uploadCanStillArrive(created, at(600 + UPLOAD_ARRIVAL_MARGIN_SECONDS + 1), 600), false);
  assert.equal(uploadCanStillArrive('not a date', at(0), 600), false);
});

test('the next confirmation step: publish only the judged version, wait while the object is in flux', () => {
  const item = { content_type: 'application/pdf', created_at: '2026-01-01T00:00:00.000Z' };
  const soon = new Date('2026-01-01T00:01:00.000Z');
  const late = new Date('2026-01-01T01:00:00.000Z');
  const pdf = { state: 'found', etag: '"abc"', object: { size: 1234, firstBytes: PDF_HEAD } } as const;
  const exe = { state: 'found', etag: '"def"', object: { size: 1234, firstBytes: EXE_HEAD } } as const;
  assert.deepEqual(confirmationStep(pdf, item, soon, 600), { action: 'publish', etag: '"abc"', size: 1234 });
  assert.deepEqual(confirmationStep(pdf, item, late, 600), { action: 'publish', etag: '"abc"', size: 1234 });
  assert.deepEqual(confirmationStep(exe, item, soon, 600), { action: 'reject', reason: 'content_type_mismatch' });
  // Replaced between the HEAD and the ranged GET: nothing is judged, whatever the time.
  assert.deepEqual(confirmationStep({ state: 'replaced' }, item, soon, 600), { action: 'wait' });
  assert.deepEqual(confirmationStep({ state: 'replaced' }, item, late, 600), { action: 'wait' });
  assert.deepEqual(confirmationStep({ state: 'missing' }, item, soon, 600), { action: 'wait' });
  assert.deepEqual(confirmationStep({ state: 'missing' }, item, late, 600), { action: 'reject', reason: 'upload_expired' });
});
