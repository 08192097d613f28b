// Adding an evidence item to a dispute, for both upload flows: the caller
// must be allowed to add evidence now and be under the per-person limit; the
// item gets the next evidence number and its keys under the dispute's folder:
// the served key, and for the presigned flow the staging key its POST targets.
import type { DirectoryReads } from '../data/directory-reads.ts';
import type { DisputeReads } from '../data/dispute-reads.ts';
import type { StoredEvidence } from '../data/evidence-item.ts';
import type { EvidenceReads } from '../data/evidence-reads.ts';
import type { EvidenceWrites } from '../data/evidence-writes.ts';
import type { Clock } from '../domain/clock.ts';
import type { Caller } from '../domain/dispute.ts';
import type { EvidenceContentType } from '../domain/content-sniffing.ts';
import { displayFileName } from '../domain/evidence-file-name.ts';
import { evidenceServedKey, evidenceUploadKey } from '../domain/evidence-keys.ts';
import { DisputeNotFound, EvidenceLimitReached } from '../domain/dispute-errors.ts';
import { conflictState, retryContendedWrite, type Backoff } from './contended-write.ts';
import { actorRef, loadVisibleDispute, requireAllowed } from './dispute-access.ts';

/** Per person and dispute, whatever became of the items; beyond it: EvidenceLimitReached. */
export const MAX_EVIDENCE_PER_USER = 20;

export interface EvidenceDraft {
  file_name: string;
  content_type: EvidenceContentType;
  size: number;
  description: string | null;
  status: 'pending' | 'uploaded';
}

export interface RegistrationDependencies {
  disputes: DisputeReads;
  directory: DirectoryReads;
  evidence: EvidenceReads;
  evidenceWrites: EvidenceWrites;
  clock: Clock;
  backoff?: Backoff;
}

export interface StoreHooks {
  /** Runs before the item is written, e.g. to put the (checked) file under its served key. */
  beforeWrite?(key: string): Promise<void>;
  /** Undoes `beforeWrite` when the write lost (the next attempt uses another key). */
  afterLostWrite?(key: string): Promise<void>;
}

export async function registerEvidence(
  deps: RegistrationDependencies,
  disputeId: number,
  caller: Caller,
  draft: EvidenceDraft,
  hooks: StoreHooks = {},
): Promise<StoredEvidence> {
  return retryContendedWrite<StoredEvidence>(
    caller,
    async () => {
      const stored = await loadVisibleDispute(deps.disputes, disputeId, caller);
      requireAllowed('add_evidence', stored.dispute, caller);
      const own = (await deps.evidence.list(disputeId)).filter((item) => item.uploaded_by.id === caller.id);
      if (own.length >= MAX_EVIDENCE_PER_USER) {
        throw new EvidenceLimitReached(MAX_EVIDENCE_PER_USER, conflictState(stored.dispute, caller));
      }

      const reserved = await deps.evidenceWrites.reserveNumbers(disputeId);
      if (!reserved) throw new DisputeNotFound(disputeId);
      const seq = reserved.evidence_seq;
      const now = deps.clock().toISOString();
      const evidence: StoredEvidence = {
        id: seq,
        ...draft,
        file_name: displayFileName(draft.file_name),
        s3_key: evidenceServedKey(disputeId, seq, draft.file_name),
        ...(draft.status === 'pending' ? { upload_key: evidenceUploadKey(disputeId, seq, draft.file_name) } : {}),
        uploaded_by: await actorRef(deps.directory, caller, stored.dispute),
        created_at: now,
        ...(draft.status === 'uploaded' ? { settled_at: now } : {}),
      };
      await hooks.beforeWrite?.(evidence.s3_key);
      // A conflict means the dispute left the active statuses meanwhile: read again, and the rules refuse it.
      if ((await deps.evidenceWrites.add(stored, evidence, reserved.event_seq)) === 'added') return { committed: evidence };
      await hooks.afterLostWrite?.(evidence.s3_key);
      return { lost: stored.dispute };
    },
    deps.backoff,
  );
}
