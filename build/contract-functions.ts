// The functions the contract binds, as the build sees them: each route's
// `x-lambda` and each `x-lambda-s3-notifications` entry, read by the same
// loader the emulator uses, with what invokes each.
import path from 'node:path';
import { loadContract, type LambdaBinding } from '../contract-core/load-contract.ts';
import type { ManifestS3Trigger } from './manifest.ts';

export type ContractFunction = { lambda: LambdaBinding; route: string } | { lambda: LambdaBinding; trigger: ManifestS3Trigger };

export function contractFunctions(projectRoot: string): ContractFunction[] {
  // Names are filled per stage at deploy time; the build keeps the templates.
  const contract = loadContract(path.join(projectRoot, 'openapi.yaml'), { projectRoot, stage: 'stage', jwtIssuer: '', jwtAudience: '' });
  return [
    ...contract.routes.map((route) => ({ lambda: route.lambda, route: route.routeKey })),
    ...contract.notifications.map((notification) => ({
      lambda: notification.lambda,
      trigger: {
        type: 's3' as const,
        id: notification.id,
        events: notification.events,
        filterPrefix: notification.filterPrefix,
        filterSuffix: notification.filterSuffix,
      },
    })),
  ];
}
