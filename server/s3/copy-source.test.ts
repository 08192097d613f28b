// x-amz-copy-source as CopyObject takes it (S3 API Reference), and as s3rver reads it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copySourceForS3rver, parseCopySource } from './copy-source.ts';

test('x-amz-copy-source is read as /bucket/key or bucket/key, URL-encoded, with an optional ?versionId=', () => {
  assert.deepEqual(parseCopySource('/b/a%20b%2Fc%2Bd.png?versionId=3'), { bucket: 'b', key: 'a b/c+d.png' });
  assert.deepEqual(parseCopySource('b/k/with/slashes'), { bucket: 'b', key: 'k/with/slashes' });
  assert.equal(parseCopySource('b'), undefined);
  assert.equal(parseCopySource('/b/'), undefined);
  assert.equal(parseCopySource('b/%E0%A4%A'), undefined, 'malformed encoding');
});

test("s3rver's decodeURI reads the forwarded header back as the same bucket and key", () => {
  for (const key of ['a b/c+d.png', 'x?y#z&=%.txt', 'dossier/é 100%.pdf']) {
    const header = copySourceForS3rver(`/bucket/${encodeURIComponent(key)}?versionId=null`);
    assert.equal(decodeURI(header), `bucket/${key}`);
  }
  assert.equal(copySourceForS3rver('arn:aws:s3:::accesspoint'), 'arn:aws:s3:::accesspoint');
});
