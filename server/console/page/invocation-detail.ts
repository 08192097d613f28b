/// <reference lib="dom" />
// The open request, beside the table: what it was, why it failed when it did,
// and its parts in tabs. The tab a person picks stays picked from one request
// to the next; until then a failed request opens on its logs (a 5xx) or on
// the response.
import type { CopyFormat, InvocationRecord } from '../console-types.ts';
import { ConsoleApiError, type ConsoleApi } from './console-api.ts';
import { DETAIL_TABS, type DetailTab, renderTab } from './detail-sections.ts';
import { byId, errorText, h } from './dom.ts';
import { callerLabel, explain, statusClass, warmth } from './invocation-format.ts';

export interface InvocationDetail {
  open(id: string): Promise<void>;
  close(): void;
}

export interface DetailEvents {
  copy(ids: string[], as: CopyFormat): void;
  closed(): void;
}

const isTab = (value: string | undefined): value is DetailTab => DETAIL_TABS.includes(value as DetailTab);

export function createInvocationDetail(api: ConsoleApi, capacity: () => number, events: DetailEvents): InvocationDetail {
  const panel = byId('detail', HTMLElement);
  const status = byId('detail-status', HTMLElement);
  const request = byId('detail-request', HTMLElement);
  const meta = byId('detail-meta', HTMLElement);
  const why = byId('detail-why', HTMLElement);
  const body = byId('detail-body', HTMLElement);
  const tabs = [...byId('detail-tabs', HTMLElement).querySelectorAll('button')];
  const copyButtons: Array<[HTMLButtonElement, CopyFormat]> = [
    [byId('copy-curl', HTMLButtonElement), 'curl'],
    [byId('copy-playwright', HTMLButtonElement), 'playwright'],
  ];
  let record: InvocationRecord | null = null;
  let chosenTab: DetailTab | null = null;
  let opening = 0;

  for (const tab of tabs) {
    tab.addEventListener('click', () => {
      if (!isTab(tab.dataset['tab'])) return;
      chosenTab = tab.dataset['tab'];
      showTab();
    });
  }
  for (const [button, as] of copyButtons) button.addEventListener('click', () => record && events.copy([record.id], as));
  byId('detail-close', HTMLButtonElement).addEventListener('click', () => {
    close();
    events.closed();
  });

  function currentTab(): DetailTab {
    if (chosenTab) return chosenTab;
    return record && record.status >= 500 && record.logs.length > 0 ? 'logs' : 'response';
  }

  function showTab(): void {
    const tab = currentTab();
    for (const button of tabs) button.setAttribute('aria-selected', String(button.dataset['tab'] === tab));
    // With no record (it has left the console) the body keeps saying so.
    if (record) body.replaceChildren(...renderTab(tab, record));
  }

  function show(found: InvocationRecord): void {
    record = found;
    panel.dataset['id'] = found.id;
    panel.dataset['gone'] = 'false';
    status.className = `status ${statusClass(found.status)}`;
    status.textContent = String(found.status);
    request.textContent = `${found.method} ${found.path}`;
    meta.replaceChildren(
      [
        found.routeKey ? `route ${found.routeKey}` : 'no route matched',
        found.caller ? callerLabel(found.caller) : 'no caller',
        `${Math.round(found.durationMs)} ms`,
        found.functionName ? `${found.functionName} (${warmth(found)} start)` : 'answered by the gateway',
        new Date(found.at).toLocaleString(),
        `request id ${found.id}`,
      ].join(' · '),
    );
    const explanation = explain(found);
    why.hidden = explanation === null;
    why.className = `why by-${explanation?.by ?? 'none'}`;
    why.textContent = explanation ? `Why: ${explanation.text}` : '';
    for (const [button] of copyButtons) button.disabled = false;
    showTab();
  }

  function showGone(id: string, message: string, gone: boolean): void {
    record = null;
    panel.dataset['id'] = id;
    status.className = 'status';
    status.textContent = '';
    meta.textContent = `request id ${id}`;
    why.hidden = true;
    for (const [button] of copyButtons) button.disabled = true;
    // A request the console no longer keeps is no failure of the page: a note, not an error.
    panel.dataset['gone'] = String(gone);
    request.textContent = '';
    body.replaceChildren(h('p', { className: gone ? 'note' : 'error' }, message));
  }

  function close(): void {
    opening += 1;
    record = null;
    panel.hidden = true;
    delete panel.dataset['id'];
  }

  return {
    async open(id) {
      const mine = ++opening;
      panel.hidden = false;
      panel.dataset['state'] = 'loading';
      try {
        const found = await api.invocation(id);
        if (mine !== opening) return;
        show(found);
      } catch (error) {
        if (mine !== opening) return;
        const gone = error instanceof ConsoleApiError && error.status === 404;
        showGone(
          id,
          gone
            ? `The console no longer keeps this request (it keeps the last ${capacity()}; Clear or a restart empties it).`
            : errorText(error),
          gone,
        );
      }
      panel.dataset['state'] = 'ready';
    },
    close,
  };
}
