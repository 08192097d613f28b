// What the dev console's page reads at /_console/api/… about the data: the
// tables, the buckets, the modules' views and the reset to seed. Types only:
// the page imports them.

/** An answer other than 2xx. */
export interface ConsoleDataError {
  message: string;
}

/** GET /data: every module's tables and buckets, and the views the modules add to the Data view. */
export interface DataSources {
  tables: Array<{ module: string; name: string }>;
  buckets: Array<{ module: string; name: string }>;
  views: Array<{ module: string; label: string }>;
}

/** GET /table?table=…&pk=…&sk=…: the raw items of one partition, in sort key order. */
export interface TableItems {
  items: Array<Record<string, unknown>>;
}

export interface BucketObject {
  key: string;
  size: number;
  /** ISO 8601. */
  lastModified: string;
}

/** GET /bucket?bucket=…&prefix=…: every object (under the prefix), in key order. */
export interface BucketListing {
  bucket: string;
  objects: BucketObject[];
}

/** The one body POST /reset accepts. */
export interface ResetRequest {
  confirm: 'reset';
}

/** POST /reset: what was deleted before the seed was written again. */
export interface ResetResult {
  deletedItems: number;
  deletedObjects: number;
}
