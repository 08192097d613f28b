// The evidence bucket's s3:ObjectCreated notification for the staging prefix:
// each record is an upload of the presigned flow, judged by what S3 holds and,
// when good, copied to the served key (use-cases/confirm-upload.ts). A record
// the rules refuse (a DomainError: no evidence item stages its key) is logged
// and ignored, as a retry would meet the same refusal. Any other failure
// fails the invocation, so that Lambda's asynchronous retries try it again;
// confirming is idempotent, so a retry or a duplicate delivery is harmless.
import type { S3Event } from 'aws-lambda';
import { openBucket } from './data/bucket.ts';
import { createEvidenceObjects } from './data/evidence-objects.ts';
import { createEvidenceReads } from './data/evidence-reads.ts';
import { createEvidenceWrites } from './data/evidence-writes.ts';
import { openTable } from './data/table.ts';
import { systemClock } from './domain/clock.ts';
import { DomainError, EvidenceNotFound } from './domain/dispute-errors.ts';
import { decodeS3EventKey } from './domain/evidence-keys.ts';
import { readFunctionEnvironment } from './function-environment.ts';
import { confirmStagedUpload, type ConfirmationDependencies } from './use-cases/confirm-upload.ts';

// Only what confirming uses: evidence items and the bucket's objects (no dispute reads, no download links).
const env = readFunctionEnvironment();
const table = openTable(env.TABLE_NAME);
const deps: ConfirmationDependencies = {
  clock: systemClock,
  evidence: createEvidenceReads(table),
  evidenceWrites: createEvidenceWrites(table),
  objects: createEvidenceObjects(openBucket(env.EVIDENCE_BUCKET)),
};

export const handler = async (event: S3Event): Promise<void> => {
  for (const record of event.Records) {
    const key = decodeS3EventKey(record.s3.object.key);
    try {
      if (key === null) throw new EvidenceNotFound(record.s3.object.key);
      const confirmed = await confirmStagedUpload(deps, key);
      console.log(JSON.stringify({ level: 'INFO', message: 'Evidence judged', key, evidenceId: confirmed.id, status: confirmed.status }));
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      console.log(JSON.stringify({ level: 'WARN', message: refusalMessage(error), key: record.s3.object.key }));
    }
  }
};

function refusalMessage(error: DomainError): string {
  return error instanceof EvidenceNotFound ? 'No evidence item stages this key; ignored' : `${error.message}; ignored`;
}
