import type { APIRequestContext } from '@playwright/test';
import type { EvidenceUpload, Problem } from '../contracts/api.ts';
import { evidenceForm, paddedPdf, paddedPng, PNG, windowsExecutable } from './support/evidence-files.ts';
import { outsider } from './support/test-users.ts';
import { expect, test } from './support/fixtures.ts';
import type { ApiClient } from './support/api-client.ts';
import { polling } from './support/polling.ts';

const at = (id: number) => ({ params: { path: { id } } });
const MAX_PRESIGNED_BYTES = 10 * 1024 * 1024;
const MAX_MULTIPART_BYTES = 4 * 1024 * 1024;

const errorPaths = (error: unknown) => ((error as Problem | undefined)?.errors ?? []).map((item) => item.path);

/** Sends the file to S3 with the presigned POST, as a client would (the file part last). */
function postToS3(
  request: APIRequestContext,
  upload: NonNullable<EvidenceUpload['upload']>,
  file: { name: string; mimeType: string; buffer: Buffer },
) {
  return request.post(upload.url, { multipart: { ...upload.fields, file }, failOnStatusCode: false, timeout: 60_000 });
}

async function evidenceAsSeen(client: ApiClient, disputeId: number, evidenceId: number) {
  const { data, response } = await client.GET('/disputes/{id}', at(disputeId));
  expect(response.status).toBe(200);
  const found = data!.evidence_files.find((item) => item.id === evidenceId);
  expect(found, `evidence ${evidenceId} is listed`).toBeDefined();
  return found!;
}

/**
 * The item once S3's notification has been handled: a presigned upload is
 * confirmed asynchronously (milliseconds in the emulator, about a second on
 * AWS), so a client polls while it is `pending`.
 */
async function settledEvidence(client: ApiClient, disputeId: number, evidenceId: number) {
  return polling(async () => {
    let seen = await evidenceAsSeen(client, disputeId, evidenceId);
    await expect
      .poll(
        async () => {
          seen = await evidenceAsSeen(client, disputeId, evidenceId);
          return seen.status;
        },
        {
          timeout: 20_000,
          intervals: [100, 250, 500, 1000],
        },
      )
      .not.toBe('pending');
    return seen;
  });
}

test('register evidence, upload it straight to S3 with the presigned POST, then download it', async ({ openDispute, as, request }) => {
  const { dispute, initiator, respondent } = await openDispute();
  const client = await as(initiator);
  const registered = await client.POST('/disputes/{id}/evidence', {
    ...at(dispute.id),
    body: { file_name: 'cracked tiles.png', content_type: 'image/png', size: PNG.length, description: 'Photo of the floor' },
  });
  expect(registered.response.status).toBe(201);
  const { evidence, upload } = registered.data!;
  expect(evidence).toMatchObject({
    file_name: 'cracked tiles.png',
    content_type: 'image/png',
    size: PNG.length,
    status: 'pending',
    file_url: null,
  });
  expect(upload).not.toBeNull();
  expect(upload!.method).toBe('POST');
  expect(upload!.fields).toMatchObject({ 'Content-Type': 'image/png' });
  // The form writes to a staging key; only a checked copy is ever served.
  expect(upload!.fields.key).toMatch(new RegExp(`^uploads/disputes/${dispute.id}/${evidence.id}/[^/]+$`));
  expect(Date.parse(upload!.expires_at)).toBeGreaterThan(Date.now());

  // Not uploaded yet: pending, with no file.
  expect(await evidenceAsSeen(client, dispute.id, evidence.id)).toMatchObject({ status: 'pending', file_url: null });

  const uploaded = await postToS3(request, upload!, { name: 'cracked tiles.png', mimeType: 'image/png', buffer: PNG });
  expect(uploaded.status()).toBeLessThan(300);

  const file = await settledEvidence(await as(respondent), dispute.id, evidence.id);
  expect(file).toMatchObject({ status: 'uploaded', size: PNG.length, uploaded_by: { id: initiator.id } });
  expect(new URL(file.file_url!).pathname).toMatch(new RegExp(`/disputes/${dispute.id}/evidence/${evidence.id}/[^/]+$`));
  const download = await request.get(file.file_url!);
  expect(download.status()).toBe(200);
  expect(Buffer.from(await download.body()).equals(PNG)).toBe(true);
  // Both parties see the same settled item.
  expect(await evidenceAsSeen(client, dispute.id, evidence.id)).toMatchObject({ status: 'uploaded' });
});

test('a 10 MiB file goes through the presigned POST and is confirmed with its real size', async ({ openDispute, as, request }) => {
  test.setTimeout(120_000);
  const { dispute, initiator } = await openDispute();
  const client = await as(initiator);
  const content = paddedPdf(MAX_PRESIGNED_BYTES);
  const { data } = await client.POST('/disputes/{id}/evidence', {
    ...at(dispute.id),
    body: { file_name: 'contract scan.pdf', content_type: 'application/pdf', size: MAX_PRESIGNED_BYTES },
  });
  const uploaded = await postToS3(request, data!.upload!, { name: 'contract scan.pdf', mimeType: 'application/pdf', buffer: content });
  expect(uploaded.status(), await uploaded.text()).toBeLessThan(300);

  const file = await settledEvidence(client, dispute.id, data!.evidence.id);
  expect(file).toMatchObject({ status: 'uploaded', size: MAX_PRESIGNED_BYTES });
  const download = await request.get(file.file_url!, { timeout: 60_000 });
  expect(download.status()).toBe(200);
  expect(Buffer.from(await download.body()).equals(content)).toBe(true);
});

test('S3 refuses an 11 MiB upload with EntityTooLarge; the evidence stays pending', async ({ openDispute, as, request }) => {
  test.setTimeout(120_000);
  const { dispute, initiator } = await openDispute();
  const client = await as(initiator);
  const { data } = await client.POST('/disputes/{id}/evidence', {
    ...at(dispute.id),
    body: { file_name: 'site report.pdf', content_type: 'application/pdf', size: MAX_PRESIGNED_BYTES },
  });
  const refused = await postToS3(request, data!.upload!, {
    name: 'site report.pdf',
    mimeType: 'application/pdf',
    buffer: paddedPdf(11 * 1024 * 1024),
  });
  expect(refused.status()).toBe(400);
  expect(await refused.text()).toContain('<Code>EntityTooLarge</Code>');
  expect(await evidenceAsSeen(client, dispute.id, data!.evidence.id)).toMatchObject({ status: 'pending', file_url: null });
});

test('an .exe uploaded through the presigned POST as application/pdf is rejected and never served', async ({
  openDispute,
  as,
  request,
}) => {
  const { dispute, initiator, respondent } = await openDispute();
  const client = await as(initiator);
  const exe = windowsExecutable();
  const { data } = await client.POST('/disputes/{id}/evidence', {
    ...at(dispute.id),
    body: { file_name: 'invoice.pdf', content_type: 'application/pdf', size: exe.length },
  });
  const uploaded = await postToS3(request, data!.upload!, { name: 'invoice.pdf', mimeType: 'application/pdf', buffer: exe });
  expect(uploaded.status()).toBeLessThan(300);

  // Judged once, on S3's notification; everyone, then and later, sees it rejected.
  const first = await settledEvidence(client, dispute.id, data!.evidence.id);
  for (const seen of [first, await evidenceAsSeen(await as(respondent), dispute.id, data!.evidence.id)]) {
    expect(seen).toMatchObject({ status: 'rejected', file_url: null });
  }
});

test('the presigned form, used again after the file was confirmed, cannot change what is served', async ({ openDispute, as, request }) => {
  const { dispute, initiator, respondent } = await openDispute();
  const client = await as(initiator);
  const pdf = paddedPdf(4096);
  const { data } = await client.POST('/disputes/{id}/evidence', {
    ...at(dispute.id),
    body: { file_name: 'invoice.pdf', content_type: 'application/pdf', size: pdf.length },
  });
  const form = data!.upload!;
  expect((await postToS3(request, form, { name: 'invoice.pdf', mimeType: 'application/pdf', buffer: pdf })).status()).toBeLessThan(300);
  const confirmed = await settledEvidence(client, dispute.id, data!.evidence.id);
  expect(confirmed).toMatchObject({ status: 'uploaded', size: pdf.length });
  expect(Buffer.from(await (await request.get(confirmed.file_url!)).body()).equals(pdf)).toBe(true);

  // The form has not expired: S3 takes other bytes under the same policy.
  const exe = windowsExecutable(8192);
  const again = await postToS3(request, form, { name: 'invoice.pdf', mimeType: 'application/pdf', buffer: exe });
  expect(again.status()).toBeLessThan(300);

  // The second upload's notification comes and goes; what is served never changes. Looked at over two seconds.
  const readers = [client, await as(respondent)];
  for (let look = 0; look < 4; look += 1) {
    if (look > 0) await new Promise((resolve) => setTimeout(resolve, 500));
    const reader = readers[look % 2]!;
    const seen = await evidenceAsSeen(reader, dispute.id, data!.evidence.id);
    expect(seen).toMatchObject({ status: 'uploaded', size: pdf.length });
    const download = await request.get(seen.file_url!);
    expect(download.status()).toBe(200);
    const served = Buffer.from(await download.body());
    expect(served.equals(pdf)).toBe(true);
    expect(served.equals(exe)).toBe(false);
  }
});

test('a small PNG sent as multipart/form-data is stored at once and downloadable', async ({ openDispute, as, request }) => {
  const { dispute, initiator, respondent } = await openDispute();
  const client = await as(initiator);
  const { data, response } = await client.POST('/disputes/{id}/evidence', {
    ...at(dispute.id),
    ...evidenceForm({ name: '../../cracked tiles.png', type: 'image/png', bytes: PNG }, 'Photo of the floor'),
  });
  expect(response.status).toBe(201);
  expect(data!.upload).toBeNull();
  expect(data!.evidence).toMatchObject({
    content_type: 'image/png',
    size: PNG.length,
    description: 'Photo of the floor',
    status: 'uploaded',
    uploaded_by: { id: initiator.id },
  });
  const download = await request.get(data!.evidence.file_url!);
  expect(download.status()).toBe(200);
  expect(Buffer.from(await download.body()).equals(PNG)).toBe(true);
  expect(new URL(data!.evidence.file_url!).pathname).toMatch(new RegExp(`/disputes/${dispute.id}/evidence/\\d+/[^/]+$`));
  // Served as a download under its shown name with the checked type, never rendered inline.
  expect(download.headers()['content-type']).toBe('image/png');
  expect(download.headers()['content-disposition']).toBe(`attachment; filename="cracked tiles.png"; filename*=UTF-8''cracked%20tiles.png`);

  const seen = await evidenceAsSeen(await as(respondent), dispute.id, data!.evidence.id);
  expect(seen).toMatchObject({ status: 'uploaded', size: PNG.length });
});

test('a file name with bidi controls is stored and shown without them', async ({ openDispute, as, request }) => {
  const { dispute, initiator } = await openDispute();
  const client = await as(initiator);
  const { data, response } = await client.POST('/disputes/{id}/evidence', {
    ...at(dispute.id),
    ...evidenceForm({ name: 'evil\u202egnp.exe', type: 'image/png', bytes: PNG }),
  });
  expect(response.status).toBe(201);
  expect(data!.evidence.file_name).toBe('evilgnp.exe');
  const download = await request.get(data!.evidence.file_url!);
  expect(download.headers()['content-disposition']).toContain('filename="evilgnp.exe"');
});

test('multipart: an .exe renamed to .pdf is a 422; a form without one file part is a 400 at body.file', async ({ openDispute, as }) => {
  const { dispute, initiator } = await openDispute();
  const client = await as(initiator);
  const spoofed = await client.POST('/disputes/{id}/evidence', {
    ...at(dispute.id),
    ...evidenceForm({ name: 'invoice.pdf', type: 'application/pdf', bytes: windowsExecutable() }),
  });
  expect(spoofed.response.status).toBe(422);
  expect(spoofed.error).toMatchObject({ status: 422, code: 'content_type_mismatch' });

  const notAllowed = await client.POST('/disputes/{id}/evidence', {
    ...at(dispute.id),
    ...evidenceForm({ name: 'setup.exe', type: 'application/x-msdownload', bytes: windowsExecutable() }),
  });
  expect(notAllowed.response.status).toBe(400);
  expect(errorPaths(notAllowed.error)).toEqual(['body.file']);

  const noFile = await client.POST('/disputes/{id}/evidence', {
    ...at(dispute.id),
    body: { file: 'x' },
    bodySerializer: () => {
      const form = new FormData();
      form.append('description', 'no file');
      return form;
    },
  });
  expect(noFile.response.status).toBe(400);
  expect(errorPaths(noFile.error)).toEqual(['body.file']);

  // Nothing was stored by any of them.
  const { data } = await client.GET('/disputes/{id}', at(dispute.id));
  expect(data!.evidence_files).toEqual([]);
});

test('multipart over 4 MiB is a 413 that points to the presigned flow', async ({ openDispute, as }) => {
  const { dispute, initiator } = await openDispute();
  const client = await as(initiator);
  const { error, response } = await client.POST('/disputes/{id}/evidence', {
    ...at(dispute.id),
    ...evidenceForm({ name: 'photo.png', type: 'image/png', bytes: paddedPng(MAX_MULTIPART_BYTES + 1024) }),
  });
  expect(response.status).toBe(413);
  expect(response.headers.get('content-type')).toContain('application/problem+json');
  expect(error).toMatchObject({ status: 413, code: 'use_presigned_upload' });

  // Exactly 4 MiB still fits.
  const fits = await client.POST('/disputes/{id}/evidence', {
    ...at(dispute.id),
    ...evidenceForm({ name: 'photo.png', type: 'image/png', bytes: paddedPng(MAX_MULTIPART_BYTES) }),
  });
  expect(fits.response.status).toBe(201);
  expect(fits.data!.evidence).toMatchObject({ status: 'uploaded', size: MAX_MULTIPART_BYTES });
});

test("a file name cannot leave the dispute's folder", async ({ openDispute, as }) => {
  const { dispute, initiator } = await openDispute();
  const { data } = await (await as(initiator)).POST('/disputes/{id}/evidence', {
    ...at(dispute.id),
    body: { file_name: '../../../other/secret.pdf', content_type: 'application/pdf', size: 1000 },
  });
  expect(data!.upload!.fields.key).toMatch(new RegExp(`^uploads/disputes/${dispute.id}/\\d+/[^/]+$`));
  expect(data!.upload!.fields.key).not.toContain('..');
});

test('bad evidence requests are 400; strangers 404; a closed dispute 409', async ({ openDispute, as }) => {
  const { dispute, initiator } = await openDispute();
  const client = await as(initiator);
  const bad = [
    { file_name: 'virus.exe', content_type: 'application/x-msdownload', size: 10 },
    { file_name: 'empty.png', content_type: 'image/png', size: 0 },
    { file_name: 'huge.mp4', content_type: 'video/mp4', size: MAX_PRESIGNED_BYTES + 1 },
    { file_name: '', content_type: 'image/png', size: 10 },
    { content_type: 'image/png', size: 10 },
  ];
  for (const body of bad) {
    const { response } = await client.POST('/disputes/{id}/evidence', { ...at(dispute.id), body: body as never });
    expect(response.status, JSON.stringify(body)).toBe(400);
  }
  const good = { file_name: 'a.pdf', content_type: 'application/pdf' as const, size: 100 };
  const form = evidenceForm({ name: 'a.png', type: 'image/png', bytes: PNG });
  const stranger = await as(outsider);
  expect((await stranger.POST('/disputes/{id}/evidence', { ...at(dispute.id), body: good })).response.status).toBe(404);
  expect((await stranger.POST('/disputes/{id}/evidence', { ...at(dispute.id), ...form })).response.status).toBe(404);
  await client.POST('/disputes/{id}/close', at(dispute.id));
  expect((await client.POST('/disputes/{id}/evidence', { ...at(dispute.id), body: good })).response.status).toBe(409);
  expect((await client.POST('/disputes/{id}/evidence', { ...at(dispute.id), ...form })).response.status).toBe(409);
});
