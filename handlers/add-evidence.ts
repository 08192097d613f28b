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
import { isMultipartForm, parseMultipartBody } from './http/multipart-body.ts';
import { ContentTypeMismatchProblem, UnsupportedMediaTypeProblem } from './http/problem.ts';
import { mediaTypeOf, parseJsonBody } from './http/request-body.ts';
import { disputeIdFrom } from './http/request-params.ts';
import { withHttp, type HttpEvent, type RouteResult } from './http/with-http.ts';
import { AddEvidenceRequestSchema } from './schemas/add-evidence-request.ts';
import { ADD_EVIDENCE_UPLOAD_LIMITS, readAddEvidenceUpload } from './schemas/add-evidence-upload.ts';
import { registerEvidence } from './use-cases/register-evidence.ts';
import { evidenceView } from './views/evidence-view.ts';
import { readDependencies } from './read-dependencies.ts';
import { withEvidence } from './with-evidence.ts';
import { withWrites } from './with-writes.ts';

const base = withEvidence(withWrites(readDependencies()));
const deps = { ...base, evidenceWrites: createEvidenceWrites(base.table), objects: createEvidenceObjects(base.bucket) };

export const handler = withHttp(deps, async ({ event, caller }) => {
  const disputeId = disputeIdFrom(event);
  if (isMultipartForm(event)) return addSentFile(disputeId, caller, event);
  const mediaType = mediaTypeOf(event);
  if (event.body && mediaType !== 'application/json') {
    throw new UnsupportedMediaTypeProblem(
      `Send application/json (then upload with the presigned POST) or multipart/form-data, not ${mediaType || 'no content type'}`,
    );
  }
  return registerForPresignedUpload(disputeId, caller, event);
});

async function registerForPresignedUpload(disputeId: number, caller: Caller, event: HttpEvent): Promise<RouteResult> {
  const body = parseJsonBody(event, AddEvidenceRequestSchema, { required: true });
  const evidence = await registerEvidence(deps, disputeId, caller, {
    file_name: body.file_name,
    content_type: body.content_type,
    size: body.size,
    description: body.description ?? null,
    status: 'pending',
  });
  if (evidence.upload_key === undefined) throw new Error('A pending evidence item is registered with its upload key');
  const upload = await deps.objects.presignUpload(evidence.upload_key, evidence.content_type, new Date(evidence.created_at));
  return { status: 201, body: { evidence: evidenceView(evidence, null, deps.clock()), upload } };
}

async function addSentFile(disputeId: number, caller: Caller, event: HttpEvent): Promise<RouteResult> {
  const upload = readAddEvidenceUpload(await parseMultipartBody(event, ADD_EVIDENCE_UPLOAD_LIMITS));
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
  return { status: 201, body: { evidence: evidenceView(evidence, await deps.downloads.sign(evidence.s3_key), deps.clock()), upload: null } };
}
