/// <reference lib="dom" />
// The "copy as" panel above the requests: the curl command or Playwright test
// the emulator made for one request or a sequence, shown in full in a text
// field (so it can be read, edited and selected), with a Copy button.
import type { CopyFormat } from '../console-types.ts';
import { copyText } from './clipboard.ts';
import type { ConsoleApi } from './console-api.ts';
import { byId, errorText, say } from './dom.ts';

export interface CopyPanel {
  /** Shows the text for these requests (oldest first). */
  show(ids: string[], as: CopyFormat): Promise<void>;
}

const FORMAT_NAMES: Record<CopyFormat, string> = { curl: 'curl', playwright: 'Playwright test' };

export function createCopyPanel(api: ConsoleApi): CopyPanel {
  const panel = byId('copy-panel', HTMLElement);
  const title = byId('copy-title', HTMLElement);
  const text = byId('copy-text', HTMLTextAreaElement);
  const status = byId('copy-status', HTMLElement);
  const copyButton = byId('copy-button', HTMLButtonElement);
  let shown = 0;

  copyButton.addEventListener('click', async () => say(status, await copyText(text)));
  byId('copy-close', HTMLButtonElement).addEventListener('click', () => {
    shown += 1;
    panel.hidden = true;
  });

  return {
    async show(ids, as) {
      const mine = ++shown;
      const requests = (n: number) => (n === 1 ? '1 request' : `${n} requests`);
      title.textContent = `${FORMAT_NAMES[as]} · ${requests(ids.length)}`;
      text.value = '';
      copyButton.disabled = true;
      panel.hidden = false;
      panel.dataset['state'] = 'making';
      say(status, 'making…');
      try {
        const made = await api.copy(ids, as);
        if (mine !== shown) return;
        text.value = made.text;
        // Some of the selection may have left the console meanwhile: the title says what the text covers.
        if (made.count < ids.length) title.textContent = `${FORMAT_NAMES[as]} · ${requests(made.count)} of the ${ids.length} selected`;
        panel.dataset['state'] = 'ready';
        copyButton.disabled = false;
        say(status, '');
      } catch (error) {
        if (mine !== shown) return;
        panel.dataset['state'] = 'failed';
        say(status, errorText(error), 'error');
      }
    },
  };
}
