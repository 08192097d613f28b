import { test } from 'node:test';
import assert from 'node:assert/strict';
import { filterMatches, notifiesOf } from './s3-notifications.ts';

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
