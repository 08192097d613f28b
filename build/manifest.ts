// dist/manifest.json: what `npm run package` built, for the deployment (and
// the emulator's `--zips` mode) to read. One entry per function.
import type { LambdaRuntime } from '../server/contract/lambda-runtimes.ts';

export interface ManifestFunction {
  /** The function name with `{stage}` left for the deployment to fill. */
  function: string;
  route: string;
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
