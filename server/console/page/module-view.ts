/// <reference lib="dom" />
// A module's own view in the console's Data view (its tab, e.g. Disputes): a
// browser module the module names in its plugin (`console.pageScript`), whose
// `mount` export draws into the panel the console gives it. What it may use of
// the console is this context; the page's helpers (dom.ts, record-table.ts)
// may be imported too.

export interface ModuleViewContext {
  /** JSON from the module's own console routes: GET /_console/api/modules/<module><path>. */
  get<T>(path: string): Promise<T>;
  /** The address of an object's bytes, for an <img> or a link. */
  objectUrl(bucket: string, key: string): string;
  /** Shows a partition in the Table panel. */
  showPartition(table: string, pk: string): void;
}

export interface ModuleView {
  /** Fetches again what is shown; called each time the view comes into sight. */
  refresh(): Promise<void> | void;
}

export type MountModuleView = (panel: HTMLElement, context: ModuleViewContext) => ModuleView;
