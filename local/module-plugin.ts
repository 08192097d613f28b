// What the disputes module brings to the local emulator besides its contract:
// the seed users (for local tokens), the seed of its table (users and
// projects, which live in other modules of the marketplace), and the console's
// Disputes view.
import { fileURLToPath } from 'node:url';
import { defineModulePlugin } from '../server/modules/module-plugin.ts';
import { disputesRoutes, TABLE_FILE } from './console/disputes-routes.ts';
import { loadSeedData, seedTable } from './seed/seed-table.ts';

const seed = loadSeedData();

export default defineModulePlugin({
  // The demo users and the contract suite's identities are offered in the pickers; the load scripts' hundreds are not.
  users: seed.users.map(({ id, name, role }) => ({ id, name, role, listed: id < 10_000 })),
  seed: (resources) => seedTable({ client: resources.dynamodb, tableName: resources.tables[TABLE_FILE]! }),
  console: {
    label: 'Disputes',
    routes: disputesRoutes,
    pageScript: fileURLToPath(new URL('./console/page/disputes-panel.ts', import.meta.url)),
    // The contract suite's typed client and identities (e2e/support), as a test pasted into e2e/ imports them.
    suiteStyle: {
      fixturesImport: './support/fixtures.ts',
      identitiesImport: './support/test-users.ts',
      identityForRole: { client: 'clientA', master: 'masterA', mediator: 'mediator', admin: 'admin' },
      note: 'The suite acts as its own identities, on projects of its own: replace recorded ids with fixtures (openDispute) as needed.',
    },
  },
});
