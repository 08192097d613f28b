// POST /disputes/{id}/evidence: registers a pending evidence item and answers
// with a presigned S3 POST; the file itself never passes through Lambda.
import { MAX_ATTEMPTS, keptConflicting, pauseBeforeRetry } from './actions/contention-retry.ts';
import { actorRef, conflictState, loadVisibleDispute, requireAllowed } from './actions/dispute-access.ts';
import { addEvidence, listEvidence, type StoredEvidence } from './data/evidence-repository.ts';
import { reserveSequences } from './data/dispute-sequences.ts';
import { presignUpload } from './data/evidence-storage.ts';
import { sanitiseFileName } from './domain/evidence-file-name.ts';
import { parseJsonBody } from './http/request-body.ts';
import { disputeIdFrom } from './http/request-params.ts';
import { ConflictProblem, NotFoundProblem } from './http/problem.ts';
import { withHttp } from './http/with-http.ts';
import { AddEvidenceRequestSchema } from './schemas/add-evidence-request.ts';
import { evidenceView } from './views/evidence-view.ts';

/** Per user and dispute; beyond it the answer is 409 `evidence_limit_reached`. */
export const MAX_EVIDENCE_PER_USER = 20;

export const handler = withHttp(async ({ event, caller }) => {
  const disputeId = disputeIdFrom(event);
  const body = parseJsonBody(event, AddEvidenceRequestSchema, { required: true });

  for (let attempt = 1; ; attempt += 1) {
    const stored = await loadVisibleDispute(disputeId, caller);
    requireAllowed('add_evidence', stored.dispute, caller);
    const own = (await listEvidence(disputeId)).filter((item) => item.uploaded_by.id === caller.id);
    if (own.length >= MAX_EVIDENCE_PER_USER) {
      throw new ConflictProblem(
        'evidence_limit_reached',
        `At most ${MAX_EVIDENCE_PER_USER} evidence files per person and dispute`,
        conflictState(stored.dispute, caller),
      );
    }

    const reserved = await reserveSequences(disputeId, ['evidence_seq', 'event_seq']);
    if (!reserved) throw new NotFoundProblem(`Dispute ${disputeId} not found`);
    const seq = reserved.evidence_seq;
    const now = new Date();
    const evidence: StoredEvidence = {
      id: seq,
      file_name: body.file_name,
      content_type: body.content_type,
      size: body.size,
      description: body.description ?? null,
      status: 'pending',
      s3_key: `disputes/${disputeId}/evidence/${seq}/${sanitiseFileName(body.file_name)}`,
      uploaded_by: await actorRef(caller, stored.dispute),
      created_at: now.toISOString(),
    };
    // A conflict means the dispute left the active statuses meanwhile: read again, and the rules answer 409.
    if ((await addEvidence(stored, evidence, reserved.event_seq)) === 'added') {
      const upload = await presignUpload(evidence.s3_key, evidence.content_type, now);
      return { status: 201, body: { evidence: evidenceView(evidence, false, null), upload } };
    }
    if (attempt >= MAX_ATTEMPTS) throw keptConflicting(stored.dispute, caller);
    await pauseBeforeRetry(attempt);
  }
});
