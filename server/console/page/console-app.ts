/// <reference lib="dom" />
// The dev console's page (/_console): three views — the requests as they
// happen, the stored data, and tokens for the seed users — chosen in the
// header and kept in the address (#data, #tokens) so a reload stays put.
// Bundled by the emulator on the first request to /_console/app.js, with the
// modules' own views (console-routes.ts writes the entry that calls
// startConsole with them).
import { createConsoleApi } from './console-api.ts';
import { createDataView, type ModuleViews } from './data-view.ts';
import { byId } from './dom.ts';
import { startInvocationsView } from './invocations-view.ts';
import { createTokensView } from './tokens-view.ts';

type View = 'invocations' | 'data' | 'tokens';
const VIEWS: readonly View[] = ['invocations', 'data', 'tokens'];
const viewOf = (hash: string): View => VIEWS.find((view) => `#${view}` === hash) ?? 'invocations';

export function startConsole(moduleViews: ModuleViews): void {
  const api = createConsoleApi();
  startInvocationsView(api);
  const data = createDataView(api, moduleViews);
  const tokens = createTokensView(api);
  const buttons = [...byId('views', HTMLElement).querySelectorAll('button')];

  function show(view: View): void {
    for (const name of VIEWS) byId(`view-${name}`, HTMLElement).hidden = name !== view;
    for (const button of buttons) button.setAttribute('aria-current', button.dataset['view'] === view ? 'page' : 'false');
    if (view === 'data') data.shown();
    if (view === 'tokens') tokens.shown();
  }

  for (const button of buttons) {
    button.addEventListener('click', () => {
      const view = viewOf(`#${button.dataset['view'] ?? ''}`);
      history.replaceState(null, '', view === 'invocations' ? location.pathname : `#${view}`);
      show(view);
    });
  }
  window.addEventListener('hashchange', () => show(viewOf(location.hash)));
  show(viewOf(location.hash));
}
