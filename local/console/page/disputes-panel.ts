/// <reference lib="dom" />
// The console's Disputes view (the disputes module's own): the disputes in
// the table, most recently updated first, with a filter; a click opens one
// (dispute-view.ts) in place of the list.
import type { DisputeDetail, DisputeList, DisputeRow, DisputeRowParty } from '../dispute-console-types.ts';
import { errorText, h, say } from '../../../server/console/page/dom.ts';
import type { MountModuleView } from '../../../server/console/page/module-view.ts';
import { disputeView } from './dispute-view.ts';

/** Rows drawn at most; the filter finds the others. */
const MAX_ROWS = 500;

export const mount: MountModuleView = (panel, context) => {
  const filter = h('input', {
    id: 'dispute-filter',
    attrs: { type: 'text', placeholder: 'filter: id, status, project…', 'aria-label': 'filter disputes' },
  });
  const status = h('span', { id: 'disputes-status', className: 'note' });
  const rows = h('tbody', { id: 'dispute-rows' });
  const columns = ['Id', 'Status', 'Priority', 'Reason', 'Project', 'Initiator · respondent', 'Updated'];
  const list = h('table', { id: 'disputes' }, h('thead', {}, h('tr', {}, ...columns.map((title) => h('th', {}, title)))), rows);
  const view = h('div', { id: 'dispute-view', className: 'pad' });
  view.hidden = true;
  panel.append(
    h(
      'div',
      { className: 'toolbar' },
      filter,
      h('button', { attrs: { type: 'button' }, id: 'disputes-refresh', onClick: () => void refresh() }, 'Refresh'),
      status,
    ),
    h('div', { className: 'scroll' }, list, view),
  );
  let disputes: DisputeRow[] = [];
  let opening = 0;
  let openId: number | null = null;

  filter.addEventListener('input', draw);
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
      const detail = await context.get<DisputeDetail>(`/disputes/${id}`);
      if (mine !== opening) return;
      openId = id;
      view.replaceChildren(
        ...disputeView(id, detail, {
          back: () => void loadList(),
          items: (pk) => context.showPartition(detail.table, pk),
          objectUrl: (key) => context.objectUrl(detail.bucket, key),
        }),
      );
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
      disputes = [...(await context.get<DisputeList>('/disputes')).disputes].sort(
        (a, b) => b.updated_at.localeCompare(a.updated_at) || b.id - a.id,
      );
      draw();
    } catch (error) {
      say(status, errorText(error), 'error');
    }
  }

  return { refresh };
};

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
