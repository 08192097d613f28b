/// <reference lib="dom" />
// A table's raw items for one partition key (and a sort-key prefix), as
// JSON: what the functions read and write, attribute by attribute. Any
// module's table, chosen in a list.
import type { ConsoleApi } from './console-api.ts';
import { byId, errorText, h, say } from './dom.ts';

export interface TablePanel {
  /** The tables to choose from (every module's). */
  offer(tables: ReadonlyArray<{ module: string; name: string }>): void;
  query(table: string, pk: string, skPrefix?: string): Promise<void>;
}

export function createTablePanel(api: ConsoleApi): TablePanel {
  const tableInput = byId('table-name', HTMLSelectElement);
  const form = byId('table-form', HTMLFormElement);
  const pkInput = byId('table-pk', HTMLInputElement);
  const skInput = byId('table-sk', HTMLInputElement);
  const status = byId('table-status', HTMLElement);
  const output = byId('table-items', HTMLElement);

  async function run(): Promise<void> {
    const pk = pkInput.value.trim();
    if (!pk) return;
    say(status, 'querying…');
    try {
      const items = await api.table(tableInput.value, pk, skInput.value.trim());
      output.textContent = items.map((item) => JSON.stringify(item, null, 2)).join('\n\n');
      say(status, `${items.length} item${items.length === 1 ? '' : 's'}`);
    } catch (error) {
      output.textContent = '';
      say(status, errorText(error), 'error');
    }
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void run();
  });

  return {
    offer(tables) {
      const current = tableInput.value;
      tableInput.replaceChildren(...tables.map(({ module, name }) => h('option', { attrs: { value: name } }, `${name} (${module})`)));
      if (tables.some((table) => table.name === current)) tableInput.value = current;
    },
    async query(table, pk, skPrefix = '') {
      tableInput.value = table;
      pkInput.value = pk;
      skInput.value = skPrefix;
      await run();
    },
  };
}
