// What a module may bring to the local emulator besides its contract, in
// `local/module-plugin.ts` (its default export): the people its local tokens
// are for, the seed data of its tables, and console views of its data. The
// engine imports none of it by name: it loads each module's file by path.
import type { S3Client } from '@aws-sdk/client-s3';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { FastifyPluginAsync } from 'fastify';

/** Someone the local issuer signs tokens for: the docs page's "Act as", the console's tokens, `npm run token`. */
export interface LocalUser {
  id: number;
  name: string;
  role: string;
  /** False for users tokens are made for on request only (`npm run token`), not offered in the pickers (load-test users, say). */
  listed?: boolean;
}

/** A module's tables and buckets as the emulator created them, and clients for them. */
export interface ModuleResources {
  /** Each table's name, by its definition file relative to the module's folder (e.g. `infra/table.json`). */
  tables: Readonly<Record<string, string>>;
  /** Each bucket's name, by its definition file. */
  buckets: Readonly<Record<string, string>>;
  dynamodb: DynamoDBDocumentClient;
  s3: S3Client;
}

export interface ModuleConsoleView {
  /** The Data view's tab, e.g. "Disputes". */
  label: string;
  /** Its routes, mounted under /_console/api/modules/<module name>/ (this machine only, as the rest of the console). */
  routes: (resources: ModuleResources) => FastifyPluginAsync;
  /**
   * Its page: the path of a browser module whose `mount` export draws the view
   * (see server/console/page/module-view.ts), bundled into the console's script.
   */
  pageScript: string;
  /** Its contract suite's style; without one, copied tests are plain Playwright requests. */
  suiteStyle?: ModuleSuiteStyle;
}

/** How the module's contract suite writes a test, for the console's "Copy as Playwright test" of its routes. */
export interface ModuleSuiteStyle {
  /** What a pasted test imports `expect` and `test` from (its `test` has an `as(identity)` fixture giving the typed client). */
  fixturesImport: string;
  /** What it imports the identities from. */
  identitiesImport: string;
  /** The suite's identity that plays each role. */
  identityForRole: Readonly<Record<string, string>>;
  /** One line for the reader (what to replace recorded ids with). */
  note: string;
}

export interface ModulePlugin {
  /** Everyone the local issuer may sign a token for, by id. */
  users?: readonly LocalUser[];
  /** Writes the seed into the module's tables; at start-up and after a reset; never overwrites what is there. */
  seed?: (resources: ModuleResources) => Promise<void>;
  console?: ModuleConsoleView;
}

/** The type a module's plugin file declares its default export with. */
export const defineModulePlugin = (plugin: ModulePlugin): ModulePlugin => plugin;
