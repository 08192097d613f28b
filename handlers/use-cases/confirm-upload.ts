// Confirms an evidence item of the presigned flow when S3 tells that its
// upload arrived (the confirmation function, on s3:ObjectCreated): the
// client's upload is not taken on trust. Its POST form stays usable until it
// expires, so it writes to a staging key that is never served; the version S3
// holds there is judged by its real size and first bytes, and only that very
// version (pinned by its ETag) is copied to the served key.
//
// The order is what keeps a crash at any point from serving unchecked bytes:
// copy (only checked bytes ever reach the served key) → settle the item
// (only then does `file_url` point there) → delete the staging object (a
// leftover there is never served; a lifecycle rule expires it).
import type { StoredEvidence } from '../data/evidence-item.ts';
import type { EvidenceObjects } from '../data/evidence-objects.ts';
import type { EvidenceReads } from '../data/evidence-reads.ts';
import type { EvidenceWrites } from '../data/evidence-writes.ts';
import type { Clock } from '../domain/clock.ts';
import { EvidenceNotFound } from '../domain/dispute-errors.ts';
import { parseEvidenceUploadKey } from '../domain/evidence-keys.ts';
import { confirmationStep, UPLOAD_EXPIRY_SECONDS, type UploadInspection } from '../domain/evidence-upload-rules.ts';

export interface ConfirmationDependencies {
  evidence: EvidenceReads;
  evidenceWrites: EvidenceWrites;
  objects: EvidenceObjects;
  clock: Clock;
}

/** Confirms the item whose staging key S3 reported; EvidenceNotFound when no item stages that key. */
export async function confirmStagedUpload(deps: ConfirmationDependencies, uploadKey: string): Promise<StoredEvidence> {
  const target = parseEvidenceUploadKey(uploadKey);
  const item = target && (await deps.evidence.get(target.disputeId, target.evidenceId));
  if (!target || !item || item.upload_key !== uploadKey) throw new EvidenceNotFound(uploadKey);
  return confirmUpload(deps, target.disputeId, item);
}

/**
 * The item as it stands after an inspection of its upload: unchanged unless pending.
 * A pending item with no object (gone since its notification was sent) stays
 * pending while its POST policy can still be used; past that (plus a margin)
 * it is rejected as never uploaded.
 */
export async function confirmUpload(deps: ConfirmationDependencies, disputeId: number, item: StoredEvidence): Promise<StoredEvidence> {
  if (item.status !== 'pending') return item;
  // Without an upload key there is no staged upload to judge (the served key is never trusted).
  const inspection: UploadInspection = item.upload_key ? await deps.objects.inspect(item.upload_key) : { state: 'missing' };
  return confirmUploadFromInspection(deps, disputeId, item, inspection);
}

/**
 * The rest of confirmUpload, given an inspection of the upload key that may be
 * stale by now: a copy that finds the upload replaced since leaves the item
 * pending, to be judged again when the newer upload's own notification arrives.
 */
export async function confirmUploadFromInspection(
  deps: ConfirmationDependencies,
  disputeId: number,
  item: StoredEvidence,
  inspection: UploadInspection,
): Promise<StoredEvidence> {
  if (item.status !== 'pending') return item;
  const now = deps.clock();
  const step = confirmationStep(inspection, item, now, UPLOAD_EXPIRY_SECONDS);
  if (step.action === 'wait') {
    // No upload may also mean another confirmation settled the item and deleted it: answer with the item as stored.
    return inspection.state === 'missing' ? ((await deps.evidence.get(disputeId, item.id)) ?? item) : item;
  }
  if (step.action === 'publish') {
    // A confirmation holding a stale pending copy must not publish a later upload over a settled item's file.
    const current = await deps.evidence.get(disputeId, item.id);
    if (current?.status !== 'pending') return current ?? item;
    const copied = item.upload_key ? await deps.objects.copyChecked(item.upload_key, item.s3_key, step.etag) : 'missing';
    if (copied === 'replaced') return item;
    // Gone: a concurrent confirmation settled the item and deleted the upload.
    if (copied === 'missing') return (await deps.evidence.get(disputeId, item.id)) ?? item;
  }
  if (step.action === 'reject' && inspection.state === 'found' && item.upload_key) {
    // Judged bytes that were replaced since are not what is rejected: the newer upload's own notification judges it.
    if ((await deps.objects.currentEtag(item.upload_key)) !== inspection.etag) return item;
  }

  const settled = await deps.evidenceWrites.settle(
    disputeId,
    item.id,
    step.action === 'publish'
      ? { status: 'uploaded', size: step.size, checked_etag: step.etag }
      : { status: 'rejected', reason: step.reason },
    now,
  );
  if (!settled) return item;
  // Only the confirmation that settled it deletes, after the item is settled: a
  // failed delete then leaves an upload that is never looked at or served.
  if (settled.won && inspection.state === 'found' && item.upload_key) await deps.objects.delete(item.upload_key);
  return settled.evidence;
}
