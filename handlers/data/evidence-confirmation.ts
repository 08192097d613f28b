// Confirms an evidence item of the presigned flow when it is read: the
// client's upload is not taken on trust. Its POST form stays usable until it
// expires, so it writes to a staging key that is never served; the version S3
// holds there is judged by its real size and first bytes, and only that very
// version (pinned by its ETag) is copied to the served key.
//
// The order is what keeps a crash at any point from serving unchecked bytes:
// copy (only checked bytes ever reach the served key) → settle the item
// (only then does `file_url` point there) → delete the staging object (a
// leftover there is never served; a lifecycle rule expires it).
import { confirmationStep, type UploadLook } from '../domain/evidence-upload-rules.ts';
import { getEvidence, settleEvidence, type StoredEvidence } from './evidence-repository.ts';
import { copyCheckedObject, deleteEvidenceObject, inspectEvidenceObject, UPLOAD_EXPIRY_SECONDS } from './evidence-storage.ts';

/**
 * The item as it stands after a look at its upload: unchanged unless pending.
 * A pending item with no object stays pending while its POST policy can still
 * be used; past that (plus a margin) it is rejected as never uploaded, so every
 * item is looked at a bounded number of times and ends uploaded or rejected.
 */
export async function confirmEvidence(disputeId: number, item: StoredEvidence, now: Date): Promise<StoredEvidence> {
  if (item.status !== 'pending') return item;
  // Without an upload key there is no staged upload to judge (the served key is never trusted).
  const look: UploadLook = item.upload_key ? await inspectEvidenceObject(item.upload_key) : { state: 'missing' };
  return confirmFromLook(disputeId, item, look, now);
}

/**
 * The rest of confirmEvidence, given a look at the upload key that may be
 * stale by now: a copy that finds the upload replaced since leaves the item
 * pending, to be judged again on the next read.
 */
export async function confirmFromLook(disputeId: number, item: StoredEvidence, look: UploadLook, now: Date): Promise<StoredEvidence> {
  if (item.status !== 'pending') return item;
  const step = confirmationStep(look, item, now, UPLOAD_EXPIRY_SECONDS);
  if (step.action === 'wait') {
    // No upload may also mean another reader settled the item and deleted it: answer with the item as stored.
    return look.state === 'missing' ? ((await getEvidence(disputeId, item.id)) ?? item) : item;
  }
  if (step.action === 'publish') {
    // A reader holding a stale pending copy must not publish a later upload over a settled item's file.
    const current = await getEvidence(disputeId, item.id);
    if (!current || current.status !== 'pending') return current ?? item;
    const copied = item.upload_key ? await copyCheckedObject(item.upload_key, item.s3_key, step.etag) : 'missing';
    if (copied === 'replaced') return item;
    // Gone: a concurrent reader settled the item and deleted the upload.
    if (copied === 'missing') return (await getEvidence(disputeId, item.id)) ?? item;
  }

  const settled = await settleEvidence(
    disputeId,
    item.id,
    step.action === 'publish' ? { status: 'uploaded', size: step.size, checked_etag: step.etag } : { status: 'rejected', reason: step.reason },
    now,
  );
  if (!settled) return item;
  // Only the reader that settled it deletes, after the item is settled: a
  // failed delete then leaves an upload that is never looked at or served.
  if (settled.won && look.state === 'found' && item.upload_key) await deleteEvidenceObject(item.upload_key);
  return settled.evidence;
}
