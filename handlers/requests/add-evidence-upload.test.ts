import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_MULTIPART_FILE_BYTES } from '../domain/evidence-upload-rules.ts';
import { parseMultipartBody } from '../http/multipart-body.ts';
import { HttpProblem, ValidationProblem } from '../problems/problem.ts';
import { valueOrProblem } from '../http/parse-request.ts';
import { MAX_JSON_BODY_BYTES } from '../http/request-body.ts';
import { ADD_EVIDENCE_UPLOAD_LIMITS, readAddEvidenceUpload } from './add-evidence-upload.ts';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

type Part = [name: string, value: string | { bytes: Uint8Array; fileName: string; type: string }];

/** An HTTP API event for a form as fetch would encode it, base64 as binary bodies arrive. */
async function formEvent(parts: Part[]) {
  const form = new FormData();
  for (const [name, value] of parts) {
    if (typeof value === 'string') form.append(name, value);
    else form.append(name, new Blob([new Uint8Array(value.bytes)], { type: value.type }), value.fileName);
  }
  const request = new Request('http://localhost/', { method: 'POST', body: form });
  const body = Buffer.from(await request.arrayBuffer());
  return { body: body.toString('base64'), isBase64Encoded: true, headers: { 'content-type': request.headers.get('content-type') ?? '' } };
}

/** The form read as the adapter answers it: the input, or the problem its errors stand for. */
const read = async (parts: Part[]) =>
  valueOrProblem(readAddEvidenceUpload(await parseMultipartBody(await formEvent(parts), ADD_EVIDENCE_UPLOAD_LIMITS)));

async function problemOf(parts: Part[]): Promise<HttpProblem> {
  try {
    await read(parts);
  } catch (error) {
    if (error instanceof HttpProblem) return error;
    throw error;
  }
  assert.fail('expected a problem');
}

const pathsOf = (problem: HttpProblem) => (problem instanceof ValidationProblem ? problem.errors.map((error) => error.path).sort() : []);
const png = (fileName = 'floor.png', bytes: Uint8Array = PNG) => ({ bytes, fileName, type: 'image/png' });

test('a file part with its name, type and a description', async () => {
  const upload = await read([
    ['file', png('трещина на полу.png')],
    ['description', 'Photo of the floor'],
  ]);
  assert.equal(upload.file_name, 'трещина на полу.png');
  assert.equal(upload.content_type, 'image/png');
  assert.ok(upload.bytes.equals(PNG));
  assert.equal(upload.description, 'Photo of the floor');
  assert.equal((await read([['file', png()]])).description, undefined);
});

test('the one file part is taken whatever its field name', async () => {
  for (const field of ['files', 'evidence_file', 'image', 'description']) {
    const upload = await read([[field, png('tiles.png')]]);
    assert.equal(upload.file_name, 'tiles.png', field);
    assert.ok(upload.bytes.equals(PNG), field);
  }
  const described = await read([
    ['files', png()],
    ['description', 'Photo of the floor'],
  ]);
  assert.equal(described.description, 'Photo of the floor');
});

test('two file parts are a 400 at body.file, whatever their names', async () => {
  for (const names of [
    ['file', 'files'],
    ['files', 'files'],
    ['image', 'photo'],
  ]) {
    const problem = await problemOf(names.map((name, index): Part => [name, png(`${index}.png`)]));
    assert.equal(problem.status, 400, names.join());
    assert.deepEqual(pathsOf(problem), ['body.file'], names.join());
  }
});

test('the JSON body cap does not apply: a file of exactly 4 MiB is taken', async () => {
  const bytes = Buffer.alloc(MAX_MULTIPART_FILE_BYTES, 0x20);
  PNG.copy(bytes);
  assert.ok(bytes.length > MAX_JSON_BODY_BYTES);
  assert.equal((await read([['file', png('big.png', bytes)]])).bytes.length, MAX_MULTIPART_FILE_BYTES);
});

test('one byte over 4 MiB is a 413 pointing at the presigned flow', async () => {
  const problem = await problemOf([['file', png('big.png', Buffer.alloc(MAX_MULTIPART_FILE_BYTES + 1))]]);
  assert.equal(problem.status, 413);
  assert.equal(problem.code, 'use_presigned_upload');
});

test('anything but exactly one file part of an allowed type is a 400 at body.file', async () => {
  const cases: Part[][] = [
    [],
    [['description', 'no file']],
    [
      ['file', png()],
      ['file', png('b.png')],
    ],
    [['file', 'just text']],
    [['file', { bytes: PNG, fileName: 'a.exe', type: 'application/x-msdownload' }]],
    [['file', { bytes: PNG, fileName: 'a.png', type: 'application/octet-stream' }]],
    [['file', png('empty.png', new Uint8Array())]],
  ];
  for (const parts of cases) {
    const problem = await problemOf(parts);
    assert.equal(problem.status, 400, JSON.stringify(parts.map(([name]) => name)));
    assert.deepEqual(pathsOf(problem), ['body.file']);
  }
});

test('unknown parts and long descriptions are named', async () => {
  assert.deepEqual(
    pathsOf(
      await problemOf([
        ['file', png()],
        ['folder', '../x'],
      ]),
    ),
    ['body.folder'],
  );
  assert.deepEqual(
    pathsOf(
      await problemOf([
        ['file', png()],
        ['description', 'x'.repeat(1001)],
      ]),
    ),
    ['body.description'],
  );
  assert.deepEqual(
    pathsOf(
      await problemOf([
        ['file', png()],
        ['description', 'a'],
        ['description', 'b'],
      ]),
    ),
    ['body.description'],
  );
});

test('a body that is not a form is a 400 at body', async () => {
  const broken = [
    {
      body: Buffer.from('--x\r\nContent-Disposition: form-data; name="file"').toString('base64'),
      isBase64Encoded: true,
      headers: { 'content-type': 'multipart/form-data; boundary=x' },
    },
    { body: 'abc', isBase64Encoded: false, headers: { 'content-type': 'multipart/form-data' } },
    { isBase64Encoded: false, headers: { 'content-type': 'multipart/form-data; boundary=x' } },
  ];
  for (const event of broken) {
    await assert.rejects(parseMultipartBody(event, ADD_EVIDENCE_UPLOAD_LIMITS), (error: unknown) => {
      assert.ok(error instanceof ValidationProblem);
      assert.deepEqual(pathsOf(error), ['body']);
      return true;
    });
  }
});
