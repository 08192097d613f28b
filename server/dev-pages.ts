// What the emulator serves besides the API: the docs page (one entry per
// module), and the dev console with its recorder, its data routes over every
// module's tables and buckets, and the modules' own views. None of it is an
// API route; a deployed stage has none of it.
import type { FastifyInstance } from 'fastify';
import { configuredClaims, issueLocalToken } from './auth/local-issuer.ts';
import { consoleDataRoutes } from './console/console-data.ts';
import { consoleRecorder } from './console/console-recorder.ts';
import { keyAttributes } from './console/console-resources.ts';
import { registerConsole } from './console/console-routes.ts';
import { invocationRecord } from './console/invocation-record.ts';
import type { InvocationRing } from './console/invocation-ring.ts';
import { registerDocsPage } from './docs-page.ts';
import type { FunctionRuntime } from './lambda/function-runtime.ts';
import { machineAddresses } from './lan-address.ts';
import type { MainOptions } from './main-options.ts';
import type { LocalUser } from './modules/module-plugin.ts';
import { type ProvisionedModule, seedAgain } from './modules/provision-modules.ts';
import type { Services } from './start-services.ts';

export interface DevPagesSettings {
  options: Pick<MainOptions, 'keyDir' | 'consoleOnLan' | 'publicHost' | 'claimNames'>;
  provisioned: readonly ProvisionedModule[];
  /** The users offered in the docs' and the console's pickers (served-modules.ts listedUsers). */
  users: readonly LocalUser[];
  runtime: Pick<FunctionRuntime, 'observe'>;
  services: Pick<Services, 'dynamodb' | 's3' | 'writeConflicts'>;
  /** The console's memory; none when the console is off. */
  ring?: InvocationRing;
}

export function registerDevPages(app: FastifyInstance, settings: DevPagesSettings): void {
  const { options, provisioned, ring } = settings;
  const users = settings.users.map(({ id, name, role }) => ({ id, name, role }));
  const modules = provisioned.map(({ module }) => module);
  // Local tokens, accepted with or without a stage issuer (beside the stage's in hybrid mode).
  const mintToken = (userId: number) => {
    const user = users.find((candidate) => candidate.id === userId)!;
    return issueLocalToken({
      keyDir: options.keyDir,
      sub: String(user.id),
      role: user.role,
      name: user.name,
      claims: configuredClaims(options.claimNames, { id: String(user.id), role: user.role }),
    });
  };
  registerDocsPage(app, {
    contracts: modules.map((module) => ({ name: module.name, title: module.contract.title, file: module.contractFile })),
    users,
    mintToken,
  });
  if (!ring) return;
  // The first module that describes its suite; its routes are the ones a copied test reaches through the typed client.
  const styled = modules.find((module) => module.plugin.console?.suiteStyle);
  const suiteStyle = styled?.plugin.console?.suiteStyle;
  app.register(
    consoleRecorder({ runtime: settings.runtime, record: (answered) => ring.add(invocationRecord(answered, options.claimNames)) }),
  );
  registerConsole(app, {
    ring,
    users,
    openToLan: options.consoleOnLan,
    lanHosts: [options.publicHost, ...machineAddresses()],
    mintToken,
    dataRoutes: consoleDataRoutes({
      dynamodb: settings.services.dynamodb,
      s3: settings.services.s3,
      writeConflicts: settings.services.writeConflicts,
      tables: modules.flatMap((module) =>
        module.tables.map((table) => ({ module: module.name, name: table.name, ...keyAttributes(table.definition) })),
      ),
      buckets: modules.flatMap((module) => module.buckets.map((bucket) => ({ module: module.name, name: bucket.name }))),
      views: modules.flatMap((module) => (module.plugin.console ? [{ module: module.name, label: module.plugin.console.label }] : [])),
      seed: () => seedAgain(provisioned),
    }),
    ...(styled && suiteStyle
      ? { suiteStyle: { ...suiteStyle, routeKeys: new Set(styled.contract.routes.map((route) => route.routeKey)) } }
      : {}),
    moduleViews: provisioned.flatMap(({ module, resources }) =>
      module.plugin.console
        ? [{ module: module.name, routes: module.plugin.console.routes(resources), pageScript: module.plugin.console.pageScript }]
        : [],
    ),
  });
}
