/// <reference lib="dom" />
// The requests table, newest on top: one row per invocation (built once, kept
// while it is in the store), the filters above it, and the checkboxes that
// select requests to copy as a sequence.
import type { InvocationSummary } from '../console-types.ts';
import { byId, h } from './dom.ts';
import {
  ASYNC,
  callerKeyOf,
  callerLabel,
  clockTime,
  type InvocationFilter,
  isStatusFilter,
  matches,
  NO_CALLER,
  NO_ROUTE,
  routeFilterLabel,
  routeKeyOf,
  routeLabel,
  statusClass,
  warmth,
} from './invocation-format.ts';
import type { InvocationStore } from './invocation-store.ts';

export interface InvocationTableEvents {
  open(id: string): void;
  selectionChanged(): void;
}

export interface InvocationTable {
  /** Shows the store as it is now (at most once a frame). */
  render(): void;
  /** The selected requests, oldest first. */
  selected(): string[];
  setOpen(id: string | null): void;
}

const MIN_DRAW_INTERVAL_MS = 250;

export function createInvocationTable(store: InvocationStore, events: InvocationTableEvents): InvocationTable {
  const body = byId('invocation-rows', HTMLTableSectionElement);
  const empty = byId('invocations-empty', HTMLElement);
  const count = byId('invocation-count', HTMLElement);
  const selectShown = byId('select-shown', HTMLInputElement);
  const routeSelect = byId('filter-route', HTMLSelectElement);
  const statusSelect = byId('filter-status', HTMLSelectElement);
  const userSelect = byId('filter-user', HTMLSelectElement);
  const routes = new FilterOptions(routeSelect);
  const users = new FilterOptions(userSelect);

  const rows = new Map<string, HTMLTableRowElement>();
  const selection = new Set<string>();
  let shownIds: string[] = [];
  let openId: string | null = null;
  let scheduled = false;

  const filter = (): InvocationFilter => ({
    route: routeSelect.value,
    status: isStatusFilter(statusSelect.value) ? statusSelect.value : 'all',
    user: userSelect.value,
  });
  for (const select of [routeSelect, statusSelect, userSelect]) select.addEventListener('change', () => render());

  selectShown.addEventListener('change', () => {
    for (const id of shownIds) {
      if (selectShown.checked) selection.add(id);
      else selection.delete(id);
      const box = rows.get(id)?.querySelector('input');
      if (box) box.checked = selectShown.checked;
    }
    events.selectionChanged();
  });

  function rowFor(invocation: InvocationSummary): HTMLTableRowElement {
    const existing = rows.get(invocation.id);
    if (existing) return existing;
    const row = buildRow(invocation);
    const box = row.querySelector('input')!;
    box.addEventListener('click', (event) => event.stopPropagation());
    box.addEventListener('change', () => {
      if (box.checked) selection.add(invocation.id);
      else selection.delete(invocation.id);
      events.selectionChanged();
    });
    row.addEventListener('click', () => events.open(invocation.id));
    row.addEventListener('keydown', (event) => {
      const next = event.key === 'ArrowDown' ? row.nextElementSibling : event.key === 'ArrowUp' ? row.previousElementSibling : null;
      if (event.key === 'Enter') events.open(invocation.id);
      else if (next instanceof HTMLTableRowElement && next.dataset['id']) {
        event.preventDefault();
        next.focus();
        events.open(next.dataset['id']);
      }
    });
    rows.set(invocation.id, row);
    return row;
  }

  function draw(): void {
    scheduled = false;
    const all = store.all();
    for (const invocation of all) {
      const route = routeKeyOf(invocation);
      routes.add(route, routeFilterLabel(route));
      users.add(callerKeyOf(invocation), invocation.caller ? callerLabel(invocation.caller) : 'no token');
    }
    const wanted = filter();
    const shown = all.filter((invocation) => matches(invocation, wanted)).reverse();
    shownIds = shown.map((invocation) => invocation.id);
    // Rows already in place stay where they are (new ones go in above them), so a burst moves nothing.
    let cursor = body.firstElementChild;
    for (const invocation of shown) {
      const row = rowFor(invocation);
      if (row === cursor) cursor = cursor.nextElementSibling;
      else body.insertBefore(row, cursor);
    }
    while (cursor) {
      const next = cursor.nextElementSibling;
      cursor.remove();
      cursor = next;
    }
    for (const id of rows.keys()) {
      if (!store.has(id)) {
        rows.delete(id);
        selection.delete(id);
      }
    }
    for (const [id, row] of rows) row.classList.toggle('open', id === openId);
    empty.hidden = shown.length > 0;
    empty.textContent =
      all.length === 0 ? 'No requests yet: call the API and each one shows here when it is answered.' : 'No request matches the filters.';
    count.textContent = `${shown.length === all.length ? `${all.length}` : `${shown.length} of ${all.length}`} · keeps the last ${store.capacity}`;
    selectShown.checked = shownIds.length > 0 && shownIds.every((id) => selection.has(id));
    events.selectionChanged();
  }

  // Under load hundreds of requests a second arrive: drawn four times a second at most (a draw lays out the
  // whole table), the page stays live to the eye and leaves the cores to the emulator (npm run bench:console).
  let lastDraw = 0;
  function render(): void {
    if (scheduled) return;
    scheduled = true;
    const wait = lastDraw + MIN_DRAW_INTERVAL_MS - performance.now();
    const drawNow = () =>
      requestAnimationFrame(() => {
        lastDraw = performance.now();
        draw();
      });
    if (wait > 0) setTimeout(drawNow, wait);
    else drawNow();
  }

  return {
    render,
    selected: () => store.inTimeOrder(selection),
    setOpen(id) {
      openId = id;
      for (const [rowId, row] of rows) row.classList.toggle('open', rowId === id);
    },
  };
}

function buildRow(invocation: InvocationSummary): HTMLTableRowElement {
  const status = statusClass(invocation.status);
  const cell = (column: string, className: string, ...content: Array<Node | string>) =>
    h('td', { className, attrs: { 'data-col': column } }, ...content);
  return h(
    'tr',
    {
      className: `row ${status}${invocation.status >= 400 ? ' failed' : ''}`,
      testId: 'invocation-row',
      attrs: { 'data-id': invocation.id, 'data-status': String(invocation.status), tabindex: '0' },
    },
    cell('select', '', h('input', { attrs: { type: 'checkbox', 'aria-label': 'select this request' }, testId: 'select-row' })),
    cell('time', 'mono', clockTime(invocation.at)),
    cell('method', 'mono', invocation.method),
    h(
      'td',
      { className: invocation.routeKey ? 'mono' : 'mono no-route', title: invocation.path, attrs: { 'data-col': 'route' } },
      routeLabel(invocation),
    ),
    cell('caller', '', callerLabel(invocation.caller)),
    cell('status', '', h('span', { className: `status ${status}` }, String(invocation.status))),
    cell('duration', 'num', String(Math.round(invocation.durationMs))),
    cell('start', invocation.coldStart ? 'cold' : '', warmth(invocation)),
    cell(
      'function',
      'mono',
      invocation.functionName ??
        (invocation.upstream
          ? h(
              'span',
              {
                className: 'note upstream',
                title: `forwarded to ${invocation.upstream.url}: the stage answered ${invocation.upstream.status} in ${invocation.upstream.durationMs} ms`,
              },
              `stage ${invocation.upstream.status} · ${invocation.upstream.durationMs} ms`,
            )
          : h('span', { className: 'note', title: 'the gateway answered by itself' }, 'gateway')),
    ),
  );
}

/** A filter's choices: the values seen so far, sorted, added as they first appear. */
class FilterOptions {
  readonly #seen = new Set<string>();

  constructor(private readonly select: HTMLSelectElement) {}

  add(value: string, label: string): void {
    if (this.#seen.has(value)) return;
    this.#seen.add(value);
    const option = h('option', { attrs: { value } }, label);
    const after = [...this.select.options].find((candidate) => candidate.value !== '' && compare(candidate.value, value) > 0);
    this.select.insertBefore(option, after ?? null);
  }
}

/** Numbers as numbers (user 9 before user 10), the "none" choices last. */
function compare(a: string, b: string): number {
  const rank = (value: string) => (value === NO_ROUTE || value === NO_CALLER || value === ASYNC ? 1 : 0);
  return rank(a) - rank(b) || a.localeCompare(b, undefined, { numeric: true });
}
