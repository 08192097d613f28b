// What the disputes view of the dev console reads at
// /_console/api/modules/disputes-api/…. Types only: the page imports them.

/** What the bucket holds at a key. */
export interface StoredObjectState {
  key: string;
  size: number;
  contentType: string | null;
}

/** A party as the dispute item stores it (`initiator`, `respondent`), cut to what a list shows. */
export interface DisputeRowParty {
  id: number;
  /** Null when the user had no profile in the table when the dispute was written. */
  name: string | null;
}

/** One dispute in the list: the stored item's own attribute names, cut to what a row shows. */
export interface DisputeRow {
  id: number;
  status: string;
  priority: string;
  reason: string;
  project: { id: number; title: string };
  initiator: DisputeRowParty;
  respondent: DisputeRowParty;
  created_at: string;
  updated_at: string;
}

/** GET /disputes: every dispute in the table, newest first. */
export interface DisputeList {
  disputes: DisputeRow[];
}

/**
 * An evidence item as the functions decode it (id, file_name, status, s3_key,
 * upload_key, …), with what the bucket holds for it.
 */
export type EvidenceEntry = Record<string, unknown> & {
  /** The object at `s3_key`, the served key (only checked bytes reach it); null until one is there. */
  object: StoredObjectState | null;
  /** Presigned flow: the object at `upload_key`, where the client's POST lands before it is checked; null when none is there or the item has no staging key. */
  upload: StoredObjectState | null;
};

/**
 * GET /disputes/:id: the dispute's whole partition, grouped.
 * - `dispute`: the dispute as the functions decode it (keys left out, absent facts as null), with its sequence counters.
 * - `timeline`: the timeline event items as stored, keys included (the sort key holds the event's time and number), oldest first.
 * - `messages`: every message, staff-only ones too (`is_internal: true`), as stored without the key attributes, oldest first.
 * - `evidence`: the evidence items in number order.
 */
export interface DisputeDetail {
  /** The table and the bucket it was read from (for links into the console's Table and Bucket panels). */
  table: string;
  bucket: string;
  dispute: Record<string, unknown>;
  timeline: Array<Record<string, unknown>>;
  messages: Array<Record<string, unknown>>;
  evidence: EvidenceEntry[];
}
