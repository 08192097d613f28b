// The pure evaluator against the precedence rules of the S3 API Reference
// (GetObject / HeadObject If-* headers, CopyObject x-amz-copy-source-if-*)
// and the User Guide's "conditional writes".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { etagMatches, evaluateCopySourceConditions, evaluateReadConditions, evaluateWriteConditions } from './conditional-requests.ts';

const current = { etag: '"5d41402abc4b2a76b9719d911017c592"', lastModified: new Date('2025-06-01T12:00:00.500Z') };
const now = new Date('2025-06-02T00:00:00Z');
const before = 'Sat, 31 May 2025 00:00:00 GMT';
const sameSecond = 'Sun, 01 Jun 2025 12:00:00 GMT';
const after = 'Sun, 01 Jun 2025 18:00:00 GMT';
const future = 'Fri, 01 Jan 2100 00:00:00 GMT';

test('ETags compare with or without quotes, W/ and lists; * matches any existing object, never a missing one', () => {
  assert.equal(etagMatches('"5d41402abc4b2a76b9719d911017c592"', current), true);
  assert.equal(etagMatches('5d41402abc4b2a76b9719d911017c592', current), true);
  assert.equal(etagMatches('W/"5d41402abc4b2a76b9719d911017c592"', current), true);
  assert.equal(etagMatches('"other", "5d41402abc4b2a76b9719d911017c592"', current), true);
  assert.equal(etagMatches('"5d41402abc4b2a76b9719d911017c593"', current), false);
  assert.equal(etagMatches('*', current), true);
  assert.equal(etagMatches('*', undefined), false);
});

test('GetObject: false If-Match / If-Unmodified-Since is 412 naming the header; false If-None-Match / If-Modified-Since is 304', () => {
  assert.deepEqual(evaluateReadConditions({ 'if-match': '"nope"' }, current, now), {
    outcome: 'precondition-failed',
    condition: 'If-Match',
  });
  assert.deepEqual(evaluateReadConditions({ 'if-unmodified-since': before }, current, now), {
    outcome: 'precondition-failed',
    condition: 'If-Unmodified-Since',
  });
  assert.deepEqual(evaluateReadConditions({ 'if-none-match': current.etag }, current, now), { outcome: 'not-modified' });
  assert.deepEqual(evaluateReadConditions({ 'if-modified-since': after }, current, now), { outcome: 'not-modified' });
  assert.deepEqual(
    evaluateReadConditions(
      { 'if-match': current.etag, 'if-unmodified-since': after, 'if-none-match': '"x"', 'if-modified-since': before },
      current,
      now,
    ),
    { outcome: 'proceed' },
  );
});

test('GetObject: If-Match true and If-Unmodified-Since false is 200 (S3 API Reference, GetObject If-Match)', () => {
  assert.deepEqual(evaluateReadConditions({ 'if-match': current.etag, 'if-unmodified-since': before }, current, now), {
    outcome: 'proceed',
  });
});

test('GetObject: If-None-Match false and If-Modified-Since true is 304; If-None-Match true decides over a false If-Modified-Since', () => {
  assert.deepEqual(evaluateReadConditions({ 'if-none-match': current.etag, 'if-modified-since': before }, current, now), {
    outcome: 'not-modified',
  });
  assert.deepEqual(evaluateReadConditions({ 'if-none-match': '"other"', 'if-modified-since': after }, current, now), {
    outcome: 'proceed',
  });
});

test('GetObject: 412 is judged before 304', () => {
  assert.deepEqual(evaluateReadConditions({ 'if-match': '"nope"', 'if-none-match': current.etag }, current, now), {
    outcome: 'precondition-failed',
    condition: 'If-Match',
  });
});

test('dates have one-second precision; unparsable dates and a future If-Modified-Since are ignored', () => {
  assert.deepEqual(evaluateReadConditions({ 'if-unmodified-since': sameSecond }, current, now), { outcome: 'proceed' });
  assert.deepEqual(evaluateReadConditions({ 'if-modified-since': sameSecond }, current, now), { outcome: 'not-modified' });
  assert.deepEqual(evaluateReadConditions({ 'if-unmodified-since': 'yesterday-ish' }, current, now), { outcome: 'proceed' });
  assert.deepEqual(evaluateReadConditions({ 'if-modified-since': future }, current, now), { outcome: 'proceed' });
});

test('CopyObject: if-match true and if-unmodified-since false copies; if-none-match false and if-modified-since true is 412 (S3 API Reference, CopyObject)', () => {
  assert.deepEqual(
    evaluateCopySourceConditions(
      { 'x-amz-copy-source-if-match': current.etag, 'x-amz-copy-source-if-unmodified-since': before },
      current,
      now,
    ),
    { outcome: 'proceed' },
  );
  assert.deepEqual(
    evaluateCopySourceConditions(
      { 'x-amz-copy-source-if-none-match': current.etag, 'x-amz-copy-source-if-modified-since': before },
      current,
      now,
    ),
    { outcome: 'precondition-failed', condition: 'x-amz-copy-source-If-None-Match' },
  );
});

test('CopyObject: every failed x-amz-copy-source-if-* is 412 (never 304), naming the header', () => {
  const cases: Array<[Record<string, string>, string]> = [
    [{ 'x-amz-copy-source-if-match': '"nope"' }, 'x-amz-copy-source-If-Match'],
    [{ 'x-amz-copy-source-if-unmodified-since': before }, 'x-amz-copy-source-If-Unmodified-Since'],
    [{ 'x-amz-copy-source-if-modified-since': after }, 'x-amz-copy-source-If-Modified-Since'],
  ];
  for (const [headers, condition] of cases) {
    assert.deepEqual(evaluateCopySourceConditions(headers, current, now), { outcome: 'precondition-failed', condition });
  }
  assert.deepEqual(
    evaluateCopySourceConditions({ 'if-match': '"nope"' }, current, now),
    { outcome: 'proceed' },
    "plain If-Match is the destination's",
  );
});

test('conditional writes: If-None-Match * fails on an existing key; If-Match fails on another ETag, and is NoSuchKey without an object', () => {
  assert.deepEqual(evaluateWriteConditions({ 'if-none-match': '*' }, current), {
    outcome: 'precondition-failed',
    condition: 'If-None-Match',
  });
  assert.deepEqual(evaluateWriteConditions({ 'if-none-match': '*' }, undefined), { outcome: 'proceed' });
  assert.deepEqual(evaluateWriteConditions({ 'if-match': '"nope"' }, current), { outcome: 'precondition-failed', condition: 'If-Match' });
  assert.deepEqual(evaluateWriteConditions({ 'if-match': current.etag }, current), { outcome: 'proceed' });
  assert.deepEqual(evaluateWriteConditions({ 'if-match': current.etag }, undefined), { outcome: 'no-such-key' });
  assert.deepEqual(
    evaluateWriteConditions({ 'if-unmodified-since': before }, current),
    { outcome: 'proceed' },
    'writes take only If-Match / If-None-Match',
  );
});
