// The functions the contract binds, as the build sees them: each route's
// `x-lambda`, read by the same loader the emulator uses.
import path from 'node:path';
import { loadContract, type Route } from '../server/contract/load-contract.ts';

export function contractRoutes(projectRoot: string): Route[] {
  // Names are filled per stage at deploy time; the build keeps the templates.
  return loadContract(path.join(projectRoot, 'openapi.yaml'), { projectRoot, stage: 'stage', jwtIssuer: '', jwtAudience: '' }).routes;
}
