/// <reference lib="dom" />
// The Data view: the disputes (and one dispute), the table's raw items, the
// bucket's objects, and "Reset to seed".
import { createBucketPanel } from './bucket-panel.ts';
import type { ConsoleApi } from './console-api.ts';
import { createDisputesPanel } from './disputes-panel.ts';
import { byId } from './dom.ts';
import { wireResetButton } from './reset-button.ts';
import { createTablePanel } from './table-panel.ts';

type Panel = 'disputes' | 'table' | 'bucket';
const PANELS: readonly Panel[] = ['disputes', 'table', 'bucket'];
const isPanel = (value: string | undefined): value is Panel => PANELS.includes(value as Panel);

export function createDataView(api: ConsoleApi): { shown(): void } {
  const buttons = [...byId('data-tabs', HTMLElement).querySelectorAll('button')];
  const table = createTablePanel(api);
  const bucket = createBucketPanel(api);
  const disputes = createDisputesPanel(api, (pk) => {
    show('table');
    void table.query(pk);
  });
  let current: Panel = 'disputes';

  /** Shows a panel; the disputes and the bucket are fetched each time they come into view. */
  function show(panel: Panel): void {
    current = panel;
    for (const name of PANELS) byId(`panel-${name}`, HTMLElement).hidden = name !== panel;
    for (const button of buttons) button.setAttribute('aria-current', button.dataset['panel'] === panel ? 'page' : 'false');
    if (panel === 'disputes') void disputes.refresh();
    if (panel === 'bucket') void bucket.list();
  }

  for (const button of buttons) {
    button.addEventListener('click', () => {
      if (isPanel(button.dataset['panel'])) show(button.dataset['panel']);
    });
  }
  wireResetButton(api, () => {
    show(current);
  });

  return { shown: () => show(current) };
}
