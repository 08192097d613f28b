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
  // The demo users and the contract suite's identities; not the load scripts' hundreds.
  users: seed.users.filter((user) => user.id < 10_000).map(({ id, name, role }) => ({ id, name, role })),
  seed: (resources) => seedTable({ client: resources.dynamodb, tableName: resources.tables[TABLE_FILE]! }),
  console: {
    label: 'Disputes',
    routes: disputesRoutes,
    pageScript: fileURLToPath(new URL('./console/page/disputes-panel.ts', import.meta.url)),
  },
});
