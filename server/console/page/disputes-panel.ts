/// <reference lib="dom" />
// The disputes in the table, most recently updated first, with a filter;
// a click opens one (dispute-view.ts) in place of the list.
import type { ConsoleApi } from './console-api.ts';
import type { DisputeRow, DisputeRowParty } from '../console-data-types.ts';
import { byId, errorText, h, say } from './dom.ts';
import { disputeView } from './dispute-view.ts';

/** Rows drawn at most; the filter finds the others. */
const MAX_ROWS = 500;

export interface DisputesPanel {
  /** Fetches again what is shown: the list, or the open dispute. */
  refresh(): Promise<void>;
}

export function createDisputesPanel(api: ConsoleApi, showItems: (pk: string) => void): DisputesPanel {
  const filter = byId('dispute-filter', HTMLInputElement);
  const status = byId('disputes-status', HTMLElement);
  const list = byId('disputes', HTMLTableElement);
  const rows = byId('dispute-rows', HTMLTableSectionElement);
  const view = byId('dispute-view', HTMLElement);
  let disputes: DisputeRow[] = [];
  let opening = 0;
  let openId: number | null = null;

  filter.addEventListener('input', draw);
  byId('disputes-refresh', HTMLButtonElement).addEventListener('click', () => void refresh());
  const refresh = () => (openId === null ? loadList() : open(openId));

  function draw(): void {
    const words = filter.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
    const shown = disputes.filter((dispute) => words.every((word) => searchText(dispute).includes(word)));
    rows.replaceChildren(...shown.slice(0, MAX_ROWS).map(row));
    const cut = shown.length > MAX_ROWS ? ` (first ${MAX_ROWS}: filter to narrow)` : '';
    say(status, `${shown.length === disputes.length ? disputes.length : `${shown.length} of ${disputes.length}`} disputes${cut}`);
  }

  function row(dispute: DisputeRow): HTMLTableRowElement {
    return h(
      'tr',
      {
        className: 'row',
        testId: 'dispute-row',
        attrs: { 'data-dispute-id': String(dispute.id), tabindex: '0' },
        onClick: () => void open(dispute.id),
      },
      h('td', { className: 'mono' }, String(dispute.id)),
      h('td', { attrs: { 'data-col': 'status' } }, dispute.status),
      h('td', {}, dispute.priority),
      h('td', {}, dispute.reason),
      h('td', {}, `${dispute.project.title} (${dispute.project.id})`),
      h('td', {}, `${party(dispute.initiator)} · ${party(dispute.respondent)}`),
      h('td', { className: 'mono', title: dispute.updated_at }, dispute.updated_at.replace('T', ' ').slice(0, 19)),
    );
  }

  function showList(): void {
    opening += 1;
    openId = null;
    view.hidden = true;
    list.hidden = false;
    filter.disabled = false;
  }

  async function open(id: number): Promise<void> {
    const mine = ++opening;
    say(status, `loading dispute ${id}…`);
    try {
      const detail = await api.dispute(id);
      if (mine !== opening) return;
      openId = id;
      view.replaceChildren(...disputeView(id, detail, { back: () => void loadList(), items: showItems }));
      view.dataset['disputeId'] = String(id);
      list.hidden = true;
      filter.disabled = true;
      view.hidden = false;
      say(status, '');
    } catch (error) {
      if (mine === opening) say(status, `dispute ${id}: ${errorText(error)}`, 'error');
    }
  }

  async function loadList(): Promise<void> {
    showList();
    say(status, 'loading…');
    try {
      disputes = [...(await api.disputes())].sort((a, b) => b.updated_at.localeCompare(a.updated_at) || b.id - a.id);
      draw();
    } catch (error) {
      say(status, errorText(error), 'error');
    }
  }

  return { refresh };
}

const party = (who: DisputeRowParty): string => (who.name ? `${who.name} (${who.id})` : `user ${who.id}`);

const searchText = (dispute: DisputeRow): string =>
  [
    dispute.id,
    dispute.status,
    dispute.priority,
    dispute.reason,
    dispute.project.title,
    dispute.project.id,
    party(dispute.initiator),
    party(dispute.respondent),
  ]
    .join(' ')
    .toLowerCase();
