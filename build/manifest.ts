// dist/manifest.json: what `npm run package` built, for the deployment (and
// the emulator's `--zips` mode) to read. One entry per function.
import type { LambdaRuntime } from '../contract-core/lambda-runtimes.ts';

/**
 * What invokes a function that no route does: an event notification of the
 * evidence bucket (`x-lambda-s3-notifications`), for the deployment's
 * `aws_s3_bucket_notification` `lambda_function` block.
 */
export interface ManifestS3Trigger {
  type: 's3';
  /** The notification configuration's Id (`configurationId` in the records). */
  id: string;
  events: string[];
  /** '' when the notification has no such filter. */
  filterPrefix: string;
  filterSuffix: string;
}

/** A function behind a route has `route` (the HTTP API route key); any other has `trigger`. */
export type ManifestFunction = ManifestFunctionFields &
  ({ route: string; trigger?: never } | { trigger: ManifestS3Trigger; route?: never });

export interface ManifestFunctionFields {
  /** The function name with `{stage}` left for the deployment to fill. */
  function: string;
  handler: string;
  zip: string;
  sha256: string;
  /** Zip size in bytes. */
  size: number;
  /** Bytes once unzipped (Lambda's quota is 250 MB). */
  unzippedSize: number;
  runtime: LambdaRuntime;
  memory: number;
  timeout: number;
  /** Variables the bundle itself needs (besides the settings in handlers/function-environment.ts). */
  environment: Record<string, string>;
  /** `service:Action` the bundle calls; what its role must allow. */
  actions: string[];
}

export interface Manifest {
  functions: ManifestFunction[];
}

export const MANIFEST_FILE = 'manifest.json';
