// Adds the evidence bucket, evidence reads and download links: for functions
// that answer with a dispute's evidence.
import { openBucket } from './data/bucket.ts';
import { createDownloadLinks } from './data/download-links.ts';
import { createEvidenceReads } from './data/evidence-reads.ts';
import type { BaseDependencies } from './base-dependencies.ts';

export function withEvidence<T extends BaseDependencies>(base: T) {
  const bucket = openBucket(base.env.EVIDENCE_BUCKET);
  return { ...base, bucket, evidence: createEvidenceReads(base.table), downloads: createDownloadLinks(bucket) };
}
