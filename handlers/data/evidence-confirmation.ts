// Confirms an evidence item of the presigned flow when it is read: the
// client's upload is not taken on trust. The object S3 holds is judged by its
// real size and first bytes; the item is settled once (conditional update)
// and a rejected object is deleted, so it is never served.
import { judgeStoredObject, uploadCanStillArrive, type UploadVerdict } from '../domain/evidence-upload-rules.ts';
import { settleEvidence, type StoredEvidence } from './evidence-repository.ts';
import { deleteEvidenceObject, inspectEvidenceObject, UPLOAD_EXPIRY_SECONDS } from './evidence-storage.ts';

/**
 * The item as it stands after a look at its object: unchanged unless pending.
 * A pending item with no object stays pending while its POST policy can still
 * be used; past that (plus a margin) it is rejected as never uploaded, so every
 * item is looked at a bounded number of times and ends uploaded or rejected.
 */
export async function confirmEvidence(disputeId: number, item: StoredEvidence, now: Date): Promise<StoredEvidence> {
  if (item.status !== 'pending') return item;
  const object = await inspectEvidenceObject(item.s3_key);
  let verdict: UploadVerdict;
  if (object) verdict = judgeStoredObject(object, item.content_type);
  else if (uploadCanStillArrive(item.created_at, now, UPLOAD_EXPIRY_SECONDS)) return item;
  else verdict = { status: 'rejected', reason: 'upload_expired' };

  const settled = await settleEvidence(disputeId, item.id, verdict, now);
  if (!settled) return item;
  // Only the reader that settled it deletes, after the item says rejected:
  // a failed delete then leaves an object that is never served.
  if (settled.won && settled.evidence.status === 'rejected' && object) await deleteEvidenceObject(item.s3_key);
  return settled.evidence;
}
