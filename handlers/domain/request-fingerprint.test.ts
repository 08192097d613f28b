import assert from 'node:assert/strict';
import { test } from 'node:test';
import { requestFingerprint } from './request-fingerprint.ts';

const json = (body: string, path = '/disputes') =>
  requestFingerprint({ method: 'POST', path, contentType: 'application/json', body: Buffer.from(body) });

test('the same method, path and body give the same fingerprint; any difference another', () => {
  assert.equal(json('{"a":1}'), json('{"a":1}'));
  assert.notEqual(json('{"a":1}'), json('{"a":2}'));
  assert.notEqual(json('{"a":1}', '/disputes/1/messages'), json('{"a":1}', '/disputes/2/messages'));
  assert.notEqual(json(''), requestFingerprint({ method: 'POST', path: '/disputes', contentType: 'text/plain', body: Buffer.alloc(0) }));
});

test('a multipart form resent with a new boundary is the same request', () => {
  const form = (boundary: string, content: string) =>
    requestFingerprint({
      method: 'POST',
      path: '/disputes/1/evidence',
      contentType: `multipart/form-data; boundary=${boundary}`,
      body: Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n\r\n${content}\r\n--${boundary}--\r\n`,
      ),
    });
  assert.equal(form('----abc', 'PNGDATA'), form('----xyz123', 'PNGDATA'));
  assert.notEqual(form('----abc', 'PNGDATA'), form('----abc', 'OTHER'));
});
