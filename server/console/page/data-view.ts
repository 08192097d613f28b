/// <reference lib="dom" />
// The Data view: each module's own views (the disputes, say), any table's raw
// items, any bucket's objects, and "Reset to seed". Tabs for the modules'
// views come first, in the order the modules are served.
import { createBucketPanel } from './bucket-panel.ts';
import { type ConsoleApi, objectUrl } from './console-api.ts';
import { byId, errorText, h, say } from './dom.ts';
import type { ModuleView, MountModuleView } from './module-view.ts';
import { wireResetButton } from './reset-button.ts';
import { createTablePanel } from './table-panel.ts';

/** Each module's view, by module name, as the console's script was bundled with them. */
export type ModuleViews = Readonly<Record<string, MountModuleView>>;

export function createDataView(api: ConsoleApi, moduleViews: ModuleViews): { shown(): void } {
  const tabs = byId('data-tabs', HTMLElement);
  const body = byId('data-body', HTMLElement);
  const table = createTablePanel(api);
  const bucket = createBucketPanel(api);
  const mounted = new Map<string, ModuleView>();
  let current = '';
  const sources = api.data().then(
    (data) => {
      table.offer(data.tables);
      bucket.offer(data.buckets);
      const views = data.views.filter((view) => moduleViews[view.module]);
      for (const [index, view] of views.entries()) {
        const panel = h('div', { id: `panel-module-${view.module}`, className: 'panel', attrs: { 'data-module': view.module } });
        panel.hidden = true;
        body.insertBefore(panel, body.children[index] ?? null);
        tabs.insertBefore(
          h(
            'button',
            { attrs: { type: 'button', 'data-panel': `module-${view.module}` }, onClick: () => show(`module-${view.module}`) },
            view.label,
          ),
          tabs.children[index] ?? null,
        );
        mounted.set(
          `module-${view.module}`,
          moduleViews[view.module]!(panel, {
            get: (path) => api.moduleData(view.module, path),
            objectUrl: (bucketName, key) => objectUrl(bucketName, key),
            showPartition: (tableName, pk) => {
              show('table');
              void table.query(tableName, pk);
            },
          }),
        );
      }
      return views;
    },
    (error: unknown) => {
      say(byId('reset-status', HTMLElement), `the data sources could not be read: ${errorText(error)}`, 'error');
      return [];
    },
  );

  /** Shows a panel; a module's view and the bucket are fetched each time they come into view. */
  function show(panel: string): void {
    current = panel;
    for (const element of body.querySelectorAll<HTMLElement>(':scope > .panel')) element.hidden = element.id !== `panel-${panel}`;
    for (const button of tabs.querySelectorAll('button'))
      button.setAttribute('aria-current', button.dataset['panel'] === panel ? 'page' : 'false');
    void mounted.get(panel)?.refresh();
    if (panel === 'bucket') void bucket.list();
  }

  for (const button of tabs.querySelectorAll('button')) {
    const panel = button.dataset['panel'];
    if (panel) button.addEventListener('click', () => show(panel));
  }
  wireResetButton(api, () => {
    show(current);
  });

  return {
    // The first time: the first module's view, or the table when no module has one.
    shown: () => void sources.then((views) => show(current || (views[0] ? `module-${views[0].module}` : 'table'))),
  };
}
