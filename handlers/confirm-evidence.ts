// The evidence bucket's s3:ObjectCreated notification for the staging prefix:
// each record is an upload of the presigned flow, judged by what S3 holds and,
// when good, copied to the served key (use-cases/confirm-upload.ts). A record
// for a key no evidence item stages is logged and ignored. Any other failure
// fails the invocation, so that Lambda's asynchronous retries try it again;
// confirming is idempotent, so a retry or a duplicate delivery is harmless.
import type { S3Event } from 'aws-lambda';
import { createEvidenceObjects } from './data/evidence-objects.ts';
import { createEvidenceWrites } from './data/evidence-writes.ts';
import { parseEvidenceUploadKey } from './domain/evidence-keys.ts';
import { readDependencies } from './read-dependencies.ts';
import { withEvidence } from './with-evidence.ts';
import { confirmEvidence } from './use-cases/confirm-upload.ts';

const base = withEvidence(readDependencies());
const deps = { ...base, evidenceWrites: createEvidenceWrites(base.table), objects: createEvidenceObjects(base.bucket) };

export const handler = async (event: S3Event): Promise<void> => {
  for (const record of event.Records) {
    const key = decodeS3EventKey(record.s3.object.key);
    const target = key === null ? null : parseEvidenceUploadKey(key);
    const item = target && (await deps.evidence.get(target.disputeId, target.evidenceId));
    if (!target || !item || item.upload_key !== key) {
      console.log(JSON.stringify({ level: 'WARN', message: 'No evidence item stages this key; ignored', key: record.s3.object.key }));
      continue;
    }
    const confirmed = await confirmEvidence(deps, target.disputeId, item);
    console.log(JSON.stringify({ level: 'INFO', message: 'Evidence judged', key, evidenceId: item.id, status: confirmed.status }));
  }
};

/**
 * Keys in S3 event records are URL-encoded with spaces as `+`, as in an HTML
 * form (https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-content-structure.html).
 */
export function decodeS3EventKey(key: string): string | null {
  try {
    return decodeURIComponent(key.replace(/\+/g, ' '));
  } catch {
    return null; // not percent-encoding S3 would write: no staged key
  }
}
