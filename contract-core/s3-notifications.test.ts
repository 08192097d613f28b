import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { UPLOADS_PREFIX } from '../handlers/domain/evidence-keys.ts';
import { loadContract } from './load-contract.ts';
import { filterMatches, notifiesOf } from './s3-notifications.ts';

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

test('s3:ObjectCreated:* takes every way of creating an object; a named type only its own', () => {
  for (const way of ['Put', 'Post', 'Copy', 'CompleteMultipartUpload'] as const) assert.ok(notifiesOf(['s3:ObjectCreated:*'], way), way);
  assert.ok(notifiesOf(['s3:ObjectCreated:Post'], 'Post'));
  assert.ok(!notifiesOf(['s3:ObjectCreated:Post'], 'Put'));
  assert.ok(!notifiesOf(['s3:ObjectCreated:Put', 's3:ObjectCreated:Copy'], 'CompleteMultipartUpload'));
});

test('filters match the key as stored, by prefix and suffix', () => {
  assert.ok(filterMatches({ filterPrefix: 'uploads/', filterSuffix: '' }, 'uploads/disputes/1/2/a b.jpg'));
  assert.ok(!filterMatches({ filterPrefix: 'uploads/', filterSuffix: '' }, 'disputes/1/evidence/2/a.jpg'));
  assert.ok(!filterMatches({ filterPrefix: 'uploads/', filterSuffix: '.pdf' }, 'uploads/a.jpg'));
  assert.ok(filterMatches({ filterPrefix: '', filterSuffix: '' }, 'anything'));
});

test('drift guard: the evidence notification filters on the staging prefix the handlers write uploads to', () => {
  const contract = loadContract(path.join(PROJECT_ROOT, 'openapi.yaml'), {
    projectRoot: PROJECT_ROOT,
    stage: 'local',
    jwtIssuer: 'i',
    jwtAudience: 'a',
  });
  const confirm = contract.notifications.find((notification) => notification.lambda.handler === 'handlers/confirm-evidence.handler');
  assert.ok(confirm, 'handlers/confirm-evidence.ts is bound to an S3 notification');
  assert.equal(confirm.filterPrefix, UPLOADS_PREFIX);
  assert.ok(notifiesOf(confirm.events, 'Post'), 'the presigned POST upload is what it confirms');
});
