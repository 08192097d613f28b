import { outsider } from './support/test-users.ts';
import { expect, test } from './support/fixtures.ts';

const at = (id: number) => ({ params: { path: { id } } });

// The smallest valid PNG: a 1x1 transparent pixel.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

test('register evidence, upload it straight to S3 with the presigned POST, then download it', async ({ openDispute, as, request }) => {
  const { dispute, initiator, respondent } = await openDispute();
  const client = await as(initiator);
  const registered = await client.POST('/disputes/{id}/evidence', {
    ...at(dispute.id),
    body: { file_name: 'cracked tiles.png', content_type: 'image/png', size: PNG.length, description: 'Photo of the floor' },
  });
  expect(registered.response.status).toBe(201);
  const { evidence, upload } = registered.data!;
  expect(evidence).toMatchObject({ file_name: 'cracked tiles.png', content_type: 'image/png', size: PNG.length, status: 'pending', file_url: null });
  expect(upload.method).toBe('POST');
  expect(upload.fields).toMatchObject({ 'Content-Type': 'image/png' });
  expect(upload.fields.key).toMatch(new RegExp(`disputes/${dispute.id}/evidence/`));
  expect(Date.parse(upload.expires_at)).toBeGreaterThan(Date.now());

  const uploaded = await request.post(upload.url, {
    multipart: { ...upload.fields, file: { name: 'cracked tiles.png', mimeType: 'image/png', buffer: PNG } },
  });
  expect(uploaded.status()).toBeLessThan(300);

  const seen = await (await as(respondent)).GET('/disputes/{id}', at(dispute.id));
  const file = seen.data!.evidence_files.find((item) => item.id === evidence.id);
  expect(file).toMatchObject({ status: 'uploaded', uploaded_by: { id: initiator.id } });
  const download = await request.get(file!.file_url!);
  expect(download.status()).toBe(200);
  expect(Buffer.from(await download.body()).equals(PNG)).toBe(true);
});

test('a file name cannot leave the dispute\'s folder', async ({ openDispute, as }) => {
  const { dispute, initiator } = await openDispute();
  const { data } = await (await as(initiator)).POST('/disputes/{id}/evidence', {
    ...at(dispute.id),
    body: { file_name: '../../../other/secret.pdf', content_type: 'application/pdf', size: 1000 },
  });
  expect(data!.upload.fields.key).toMatch(new RegExp(`^disputes/${dispute.id}/evidence/\\d+/[^/]+$`));
  expect(data!.upload.fields.key).not.toContain('..');
});

test('bad evidence requests are 400; strangers 404; a closed dispute 409', async ({ openDispute, as }) => {
  const { dispute, initiator } = await openDispute();
  const client = await as(initiator);
  const bad = [
    { file_name: 'virus.exe', content_type: 'application/x-msdownload', size: 10 },
    { file_name: 'empty.png', content_type: 'image/png', size: 0 },
    { file_name: 'huge.mp4', content_type: 'video/mp4', size: 10 * 1024 * 1024 + 1 },
    { file_name: '', content_type: 'image/png', size: 10 },
    { content_type: 'image/png', size: 10 },
  ];
  for (const body of bad) {
    const { response } = await client.POST('/disputes/{id}/evidence', { ...at(dispute.id), body: body as never });
    expect(response.status, JSON.stringify(body)).toBe(400);
  }
  const good = { file_name: 'a.pdf', content_type: 'application/pdf' as const, size: 100 };
  expect((await (await as(outsider)).POST('/disputes/{id}/evidence', { ...at(dispute.id), body: good })).response.status).toBe(404);
  await client.POST('/disputes/{id}/close', at(dispute.id));
  expect((await client.POST('/disputes/{id}/evidence', { ...at(dispute.id), body: good })).response.status).toBe(409);
});
