// The engine's tests create tables and buckets from the first module's
// definition files: real definitions, read as data (the engine never imports
// a module's code).
import { fileURLToPath } from 'node:url';

export const SAMPLE_TABLE_FILE = fileURLToPath(new URL('../../infra/table.json', import.meta.url));
export const SAMPLE_BUCKET_FILE = fileURLToPath(new URL('../../infra/evidence-bucket.json', import.meta.url));
