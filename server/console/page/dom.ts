/// <reference lib="dom" />
// Building the page's elements from data: text always goes in as text nodes
// (append / textContent), never as markup, so nothing an API returned can
// become HTML.

export type Child = Node | string | number | null | undefined | false;

export interface Props {
  className?: string;
  id?: string;
  title?: string;
  /** data-testid, for the browser tests. */
  testId?: string;
  /** Other attributes (href, type, data-*). */
  attrs?: Record<string, string>;
  onClick?: (event: MouseEvent) => void;
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (props.className) element.className = props.className;
  if (props.id) element.id = props.id;
  if (props.title) element.title = props.title;
  if (props.testId) element.dataset['testid'] = props.testId;
  for (const [name, value] of Object.entries(props.attrs ?? {})) element.setAttribute(name, value);
  if (props.onClick) (element as HTMLElement).addEventListener('click', props.onClick);
  append(element, children);
  return element;
}

export function append(parent: Element, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(typeof child === 'number' ? String(child) : child);
  }
}

/** The page's element with this id, of the expected kind; a missing one is a bug in console.html. */
export function byId<T extends HTMLElement>(id: string, kind: new () => T): T {
  const element = document.getElementById(id);
  if (!(element instanceof kind)) throw new Error(`console.html has no ${kind.name} #${id}`);
  return element;
}

/** A one-line status next to a control: what happened, or what went wrong. */
export function say(target: HTMLElement, text: string, tone: 'info' | 'error' = 'info'): void {
  target.textContent = text;
  target.classList.toggle('error', tone === 'error');
}

export const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));
