// POST /disputes/{id}/evidence, two ways in:
// - JSON metadata: registers a pending item and answers with a presigned S3
//   POST to its staging key; the file never passes through Lambda, and is
//   checked and copied to the served key when S3 notifies that it arrived
//   (confirm-evidence.ts).
// - multipart/form-data with a small file (what the mobile app sends): checked
//   by its magic bytes, stored at once under the served key, answered as uploaded.
import { createEvidenceObjects } from './data/evidence-objects.ts';
import { createEvidenceWrites } from './data/evidence-writes.ts';
import { matchesDeclaredType, sniffContentType } from './domain/content-sniffing.ts';
import type { Caller } from './domain/dispute.ts';
import { ContentTypeMismatchProblem } from './problems/problem.ts';
import { withHttp, type RouteResult } from './http/with-http.ts';
import { baseDependencies } from './base-dependencies.ts';
import { addEvidenceRequest, type AddEvidenceMetadata } from './requests/add-evidence-request.ts';
import type { AddEvidenceUploadInput } from './requests/add-evidence-upload.ts';
import { registerEvidence } from './use-cases/register-evidence.ts';
import { evidenceView } from './views/evidence-view.ts';
import { withEvidence } from './with-evidence.ts';
import { withWrites } from './with-writes.ts';

const base = withEvidence(withWrites(baseDependencies()));
const deps = { ...base, evidenceWrites: createEvidenceWrites(base.table), objects: createEvidenceObjects(base.bucket) };

export const handler = withHttp(deps, addEvidenceRequest, async ({ request, caller }) => {
  const disputeId = request.path.id;
  if ('bytes' in request.body) return addSentFile(disputeId, caller, request.body);
  return registerForPresignedUpload(disputeId, caller, request.body);
});

async function registerForPresignedUpload(disputeId: number, caller: Caller, body: AddEvidenceMetadata): Promise<RouteResult> {
  const evidence = await registerEvidence(deps, disputeId, caller, {
    file_name: body.file_name,
    content_type: body.content_type,
    size: body.size,
    description: body.description ?? null,
    status: 'pending',
  });
  if (evidence.upload_key === undefined) throw new Error('A pending evidence item is registered with its upload key');
  const upload = await deps.objects.presignUpload(evidence.upload_key, evidence.content_type, new Date(evidence.created_at));
  return { status: 201, body: { evidence: evidenceView(evidence, null), upload } };
}

async function addSentFile(disputeId: number, caller: Caller, upload: AddEvidenceUploadInput): Promise<RouteResult> {
  if (!matchesDeclaredType(upload.bytes, upload.content_type)) {
    const sniffed = sniffContentType(upload.bytes);
    throw new ContentTypeMismatchProblem(
      `The file was sent as ${upload.content_type}, but its content is ${sniffed ?? 'none of JPEG, PNG, WebP, HEIC, PDF or MP4'}`,
    );
  }
  const evidence = await registerEvidence(
    deps,
    disputeId,
    caller,
    {
      file_name: upload.file_name,
      content_type: upload.content_type,
      size: upload.bytes.length,
      description: upload.description ?? null,
      status: 'uploaded',
    },
    {
      // The object first: an item must never say uploaded without one.
      beforeWrite: (key) => deps.objects.put(key, upload.bytes, upload.content_type),
      afterLostWrite: (key) => deps.objects.delete(key),
    },
  );
  return {
    status: 201,
    body: { evidence: evidenceView(evidence, await deps.downloads.sign(evidence)), upload: null },
  };
}
