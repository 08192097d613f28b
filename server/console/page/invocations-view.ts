/// <reference lib="dom" />
// The Invocations view: the live table, the open request's detail, the copy
// panel, and the toolbar's Pause, Clear and "copy selected" buttons. It
// subscribes to the stream first, then fetches the list, so that a request
// answered in between is in one or the other (the store drops the double).
// Each time the stream opens (again: the emulator may have restarted) the
// page starts over from the list, so it never shows requests the console no
// longer has.
import type { CopyFormat } from '../console-types.ts';
import type { ConsoleApi } from './console-api.ts';
import { createCopyPanel } from './copy-panel.ts';
import { byId, errorText } from './dom.ts';
import { createInvocationDetail } from './invocation-detail.ts';
import { InvocationStore } from './invocation-store.ts';
import { createInvocationTable } from './invocation-table.ts';
import { type StreamState, subscribe } from './live-stream.ts';

const STREAM_URL = '/_console/api/stream';
/** If the stream has not opened by then, the list is fetched anyway (and again once it opens). */
const LIST_WITHOUT_STREAM_MS = 3000;
/** A failed list is asked for again after this long. */
const LIST_RETRY_MS = 2000;

export function startInvocationsView(api: ConsoleApi): void {
  const store = new InvocationStore();
  const streamState = byId('stream-state', HTMLElement);
  const pause = byId('pause', HTMLButtonElement);
  const clear = byId('clear', HTMLButtonElement);
  const selectionCount = byId('selection-count', HTMLElement);
  const copySelected: Array<[HTMLButtonElement, CopyFormat]> = [
    [byId('copy-selection-curl', HTMLButtonElement), 'curl'],
    [byId('copy-selection-playwright', HTMLButtonElement), 'playwright'],
  ];
  let connection: StreamState = 'connecting';
  let listed = false;

  const copy = createCopyPanel(api);
  const detail = createInvocationDetail(api, () => store.capacity, {
    copy: (ids, as) => void copy.show(ids, as),
    closed: () => table.setOpen(null),
  });
  const table = createInvocationTable(store, {
    open(id) {
      table.setOpen(id);
      void detail.open(id);
    },
    selectionChanged() {
      const selected = table.selected().length;
      selectionCount.textContent = selected > 0 ? `${selected} selected` : '';
      for (const [button] of copySelected) button.disabled = selected === 0;
    },
  });
  for (const [button, as] of copySelected) button.addEventListener('click', () => void copy.show(table.selected(), as));

  function showState(): void {
    const state = store.paused ? 'paused' : connection;
    streamState.dataset['state'] = state;
    streamState.textContent = { connecting: 'connecting…', live: 'live', down: 'stream closed: reload the page', paused: 'paused' }[state];
    pause.textContent = store.paused ? `Resume${store.pendingCount > 0 ? ` (${store.pendingCount} new)` : ''}` : 'Pause';
    pause.setAttribute('aria-pressed', String(store.paused));
  }

  async function fetchList(): Promise<void> {
    try {
      const list = await api.invocations();
      listed = true;
      store.capacity = list.capacity;
      byId('invocations', HTMLTableElement).dataset['listed'] = 'true';
      if (store.paused) for (const invocation of list.invocations) store.receive(invocation);
      else store.merge(list.invocations);
      table.render();
      showState();
    } catch (error) {
      streamState.textContent = `cannot list requests: ${errorText(error)}; trying again`;
      setTimeout(() => void fetchList(), LIST_RETRY_MS);
    }
  }

  /** Nothing held any more: the console was cleared, or the page starts over from its list. */
  function forget(): void {
    store.clear();
    detail.close();
    table.setOpen(null);
    table.render();
    showState();
  }

  pause.addEventListener('click', () => {
    if (store.paused) store.resume();
    else store.pause();
    table.render();
    showState();
  });
  clear.addEventListener('click', async () => {
    try {
      await api.clearInvocations();
      forget();
    } catch (error) {
      streamState.textContent = `cannot clear: ${errorText(error)}`;
    }
  });

  subscribe(STREAM_URL, {
    invocation(summary) {
      if (store.receive(summary)) table.render();
      else if (store.paused) showState();
    },
    cleared: forget,
    connected() {
      forget();
      void fetchList();
    },
    state(state) {
      connection = state;
      showState();
    },
  });
  setTimeout(() => listed || void fetchList(), LIST_WITHOUT_STREAM_MS);
  table.render();
}
