// The record S3 sends, checked against the event message structure
// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-content-structure.html)
// and Powertools' zod schema for S3 events.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { S3Schema } from '@aws-lambda-powertools/parser/schemas/s3';
import type { ObjectCreated } from './object-created.ts';
import { createSequencer, encodeEventKey, s3EventRecord } from './s3-event-record.ts';

const created: ObjectCreated = {
  way: 'Post',
  bucket: 'handshake-test-evidence',
  key: 'uploads/disputes/7/3/red flower.jpg',
  size: 1024,
  eTag: 'd41d8cd98f00b204e9800998ecf8427e',
  time: new Date('2024-05-06T07:08:09.123Z'),
  sourceIp: '192.0.2.10',
  requestId: 'C3D13FE58DE4C810',
  hostId: 'FMyUVURIY8/IgAtTv8xRjskZQpcIZ9KG4V5Wp6S7S/JRWeUWerMUE5JgHvANOjpD',
};
const settings = {
  region: 'us-east-1',
  configurationId: 'disputes-confirm-evidence',
  requesterId: 'AWS:local',
  ownerId: 'OWNER',
  sequencer: '0062E99A88DC407460',
};

test('a record is version 2.1 of the event message structure, as Powertools parses it', () => {
  const record = s3EventRecord(created, settings);
  assert.deepEqual(record, {
    eventVersion: '2.1',
    eventSource: 'aws:s3',
    awsRegion: 'us-east-1',
    eventTime: '2024-05-06T07:08:09.123Z',
    eventName: 'ObjectCreated:Post',
    userIdentity: { principalId: 'AWS:local' },
    requestParameters: { sourceIPAddress: '192.0.2.10' },
    responseElements: { 'x-amz-request-id': 'C3D13FE58DE4C810', 'x-amz-id-2': created.hostId },
    s3: {
      s3SchemaVersion: '1.0',
      configurationId: 'disputes-confirm-evidence',
      bucket: { name: 'handshake-test-evidence', ownerIdentity: { principalId: 'OWNER' }, arn: 'arn:aws:s3:::handshake-test-evidence' },
      object: {
        key: 'uploads/disputes/7/3/red+flower.jpg',
        size: 1024,
        eTag: 'd41d8cd98f00b204e9800998ecf8427e',
        sequencer: '0062E99A88DC407460',
      },
    },
  });
  assert.ok(S3Schema.safeParse({ Records: [record] }).success);
  assert.ok(!('versionId' in record.s3.object), 'no versionId in an unversioned bucket');
  assert.equal(s3EventRecord({ ...created, versionId: 'v1' }, settings).s3.object.versionId, 'v1');
});

test('keys are URL-encoded as S3 does: "red flower.jpg" becomes "red+flower.jpg", UTF-8 escapes, slashes kept', () => {
  assert.equal(encodeEventKey('red flower.jpg'), 'red+flower.jpg');
  assert.equal(encodeEventKey('uploads/disputes/1/2/фото 1.jpg'), 'uploads/disputes/1/2/%D1%84%D0%BE%D1%82%D0%BE+1.jpg');
  assert.equal(encodeEventKey('a+b=c&d@e:f,g;h'), 'a%2Bb%3Dc%26d%40e%3Af%2Cg%3Bh');
  assert.equal(encodeEventKey('test_file(3).png'), 'test_file%283%29.png');
  assert.equal(encodeEventKey("x!'~*-._y"), 'x%21%27%7E*-._y');
  assert.equal(encodeEventKey('日本/ü.pdf'), '%E6%97%A5%E6%9C%AC/%C3%BC.pdf');
  // What a handler does with it (decodeURIComponent after '+' → ' ') gives the key back.
  for (const key of ['uploads/a b/фото 1.jpg', 'a+b%c/d', 'x!(y)~']) {
    assert.equal(decodeURIComponent(encodeEventKey(key).replace(/\+/g, ' ')), key);
  }
});

test('sequencers are 18 hex digits and grow with each write, within a second and across seconds', () => {
  const next = createSequencer();
  const at = new Date('2022-08-02T21:43:36.500Z');
  const values = [next(at), next(at), next(new Date(at.getTime() + 1000)), next(at)];
  for (const value of values) assert.match(value, /^[0-9A-F]{18}$/);
  assert.equal(values[0], '0062E99A8800000000');
  assert.deepEqual([...values].sort(), values, 'each is larger than the one before, even when the clock steps back');
  assert.equal(new Set(values).size, values.length);
});
