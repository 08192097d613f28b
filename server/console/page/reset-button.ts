/// <reference lib="dom" />
// "Reset to seed": every item and object deleted and the seed loaded again,
// after the person confirms; the counts are reported.
import type { ConsoleApi } from './console-api.ts';
import { byId, errorText, say } from './dom.ts';

const QUESTION =
  'Reset to seed? Every item of every table and every object of every bucket in this emulator is deleted and the seed data loaded again.';

export function wireResetButton(api: ConsoleApi, afterReset: () => void): void {
  const button = byId('reset-seed', HTMLButtonElement);
  const status = byId('reset-status', HTMLElement);
  button.addEventListener('click', async () => {
    if (!window.confirm(QUESTION)) {
      say(status, 'reset cancelled: nothing was changed');
      return;
    }
    button.disabled = true;
    say(status, 'resetting…');
    try {
      const { deletedItems, deletedObjects } = await api.reset();
      say(status, `reset to seed: ${deletedItems} items and ${deletedObjects} objects deleted, the seed loaded again`);
      afterReset();
    } catch (error) {
      say(status, `reset failed: ${errorText(error)}`, 'error');
    } finally {
      button.disabled = false;
    }
  });
}
