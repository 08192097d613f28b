// Adding an evidence item to a dispute, for both upload flows: the caller
// must be allowed to add evidence now and be under the per-person limit; the
// item gets the next evidence number and its keys under the dispute's folder:
// the served key, and for the presigned flow the staging key its POST targets.
import { addEvidence, listEvidence, type StoredEvidence } from '../data/evidence-repository.ts';
import { reserveSequences } from '../data/dispute-sequences.ts';
import type { Caller } from '../domain/dispute.ts';
import type { EvidenceContentType } from '../domain/content-sniffing.ts';
import { evidenceServedKey, evidenceUploadKey } from '../domain/evidence-keys.ts';
import { ConflictProblem, NotFoundProblem } from '../http/problem.ts';
import { MAX_ATTEMPTS, keptConflicting, pauseBeforeRetry } from './contention-retry.ts';
import { actorRef, conflictState, loadVisibleDispute, requireAllowed } from './dispute-access.ts';

/** Per person and dispute, whatever became of the items; beyond it: 409 `evidence_limit_reached`. */
export const MAX_EVIDENCE_PER_USER = 20;

export interface EvidenceDraft {
  file_name: string;
  content_type: EvidenceContentType;
  size: number;
  description: string | null;
  status: 'pending' | 'uploaded';
}

export interface StoreHooks {
  /** Runs before the item is written, e.g. to put the (checked) file under its served key. */
  beforeWrite?(key: string): Promise<void>;
  /** Undoes `beforeWrite` when the write lost (the next attempt uses another key). */
  afterLostWrite?(key: string): Promise<void>;
}

export async function registerEvidence(
  disputeId: number,
  caller: Caller,
  draft: EvidenceDraft,
  hooks: StoreHooks = {},
): Promise<StoredEvidence> {
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
    const now = new Date().toISOString();
    const evidence: StoredEvidence = {
      id: seq,
      ...draft,
      s3_key: evidenceServedKey(disputeId, seq, draft.file_name),
      ...(draft.status === 'pending' ? { upload_key: evidenceUploadKey(disputeId, seq, draft.file_name) } : {}),
      uploaded_by: await actorRef(caller, stored.dispute),
      created_at: now,
      ...(draft.status === 'uploaded' ? { settled_at: now } : {}),
    };
    await hooks.beforeWrite?.(evidence.s3_key);
    // A conflict means the dispute left the active statuses meanwhile: read again, and the rules answer 409.
    if ((await addEvidence(stored, evidence, reserved.event_seq)) === 'added') return evidence;
    await hooks.afterLostWrite?.(evidence.s3_key);
    if (attempt >= MAX_ATTEMPTS) throw keptConflicting(stored.dispute, caller);
    await pauseBeforeRetry(attempt);
  }
}
