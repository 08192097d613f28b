/// <reference lib="dom" />
// The evidence bucket's objects under a prefix, each a link to its bytes.
import { type ConsoleApi, objectUrl } from './console-api.ts';
import { byId, errorText, h, say } from './dom.ts';
import { formatBytes } from './format-bytes.ts';

export function createBucketPanel(api: ConsoleApi): { list(): Promise<void> } {
  const form = byId('bucket-form', HTMLFormElement);
  const prefix = byId('bucket-prefix', HTMLInputElement);
  const status = byId('bucket-status', HTMLElement);
  const rows = byId('bucket-rows', HTMLTableSectionElement);

  async function list(): Promise<void> {
    say(status, 'listing…');
    try {
      const listing = await api.bucket(prefix.value.trim());
      rows.replaceChildren(
        ...listing.objects.map((object) =>
          h(
            'tr',
            { attrs: { 'data-key': object.key } },
            h(
              'td',
              { className: 'mono' },
              h('a', { attrs: { href: objectUrl(object.key), target: '_blank', rel: 'noopener' } }, object.key),
            ),
            h('td', { className: 'num' }, formatBytes(object.size)),
            h('td', { className: 'mono' }, object.lastModified),
          ),
        ),
      );
      say(status, `${listing.objects.length} object${listing.objects.length === 1 ? '' : 's'} in ${listing.bucket}`);
    } catch (error) {
      rows.replaceChildren();
      say(status, errorText(error), 'error');
    }
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void list();
  });
  return { list };
}
