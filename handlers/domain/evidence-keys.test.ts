import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readFileSync } from 'node:fs';
import { decodeS3EventKey, evidenceServedKey, evidenceUploadKey, parseEvidenceUploadKey, UPLOADS_PREFIX } from './evidence-keys.ts';

test("uploads are staged under uploads/, files are served from the dispute's evidence folder", () => {
  assert.equal(evidenceUploadKey(7, 3, 'Счёт за работу.pdf'), 'uploads/disputes/7/3/Счёт_за_работу.pdf');
  assert.equal(evidenceServedKey(7, 3, 'Счёт за работу.pdf'), 'disputes/7/evidence/3/Счёт_за_работу.pdf');
});

test('a file name cannot leave either prefix', () => {
  for (const name of ['../../evidence/3/x.pdf', '..\\..\\x.pdf', '/disputes/8/evidence/1/a.pdf', '..']) {
    assert.match(evidenceUploadKey(7, 3, name), /^uploads\/disputes\/7\/3\/[^/]+$/);
    assert.match(evidenceServedKey(7, 3, name), /^disputes\/7\/evidence\/3\/[^/]+$/);
    assert.ok(!evidenceUploadKey(7, 3, name).includes('..'));
  }
});

test('the bucket definition expires exactly the staging prefix (S3 lifecycle filters match a prefix)', () => {
  const bucket = JSON.parse(readFileSync(new URL('../../infra/evidence-bucket.json', import.meta.url), 'utf8')) as {
    LifecycleRules: { Filter: { Prefix: string }; Status: string }[];
  };
  assert.deepEqual(
    bucket.LifecycleRules.filter((rule) => rule.Status === 'Enabled').map((rule) => rule.Filter.Prefix),
    [UPLOADS_PREFIX],
  );
});

test('a staging key gives back its dispute and evidence number; other keys give nothing', () => {
  assert.deepEqual(parseEvidenceUploadKey(evidenceUploadKey(7, 3, 'Счёт за работу.pdf')), { disputeId: 7, evidenceId: 3 });
  for (const key of [
    'disputes/7/evidence/3/a.pdf',
    'uploads/disputes/7/3/',
    'uploads/disputes/07/3/a.pdf',
    'uploads/disputes/7/3/a/b.pdf',
    'uploads/x',
  ]) {
    assert.equal(parseEvidenceUploadKey(key), null, key);
  }
});

test('S3 event keys decode as S3 encodes them: "+" is a space, UTF-8 is percent-escaped; a malformed escape is no key', () => {
  assert.equal(decodeS3EventKey('uploads/disputes/7/3/red+flower%281%29.jpg'), 'uploads/disputes/7/3/red flower(1).jpg');
  assert.equal(decodeS3EventKey('uploads/disputes/7/3/%D0%A1%D1%87%D1%91%D1%82.pdf'), 'uploads/disputes/7/3/Счёт.pdf');
  assert.equal(decodeS3EventKey('uploads/a%2Bb.pdf'), 'uploads/a+b.pdf');
  assert.equal(decodeS3EventKey('uploads/%E0%A4%A.pdf'), null);
});
