/// <reference lib="dom" />
// A bucket's objects under a prefix, each a link to its bytes. Any module's
// bucket, chosen in a list.
import { type ConsoleApi, objectUrl } from './console-api.ts';
import { byId, errorText, h, say } from './dom.ts';
import { formatBytes } from './format-bytes.ts';

export interface BucketPanel {
  /** The buckets to choose from (every module's). */
  offer(buckets: ReadonlyArray<{ module: string; name: string }>): void;
  list(): Promise<void>;
}

export function createBucketPanel(api: ConsoleApi): BucketPanel {
  const bucketInput = byId('bucket-name', HTMLSelectElement);
  const form = byId('bucket-form', HTMLFormElement);
  const prefix = byId('bucket-prefix', HTMLInputElement);
  const status = byId('bucket-status', HTMLElement);
  const rows = byId('bucket-rows', HTMLTableSectionElement);

  async function list(): Promise<void> {
    if (!bucketInput.value) {
      rows.replaceChildren();
      say(status, 'no module has a bucket');
      return;
    }
    say(status, 'listing…');
    try {
      const listing = await api.bucket(bucketInput.value, prefix.value.trim());
      rows.replaceChildren(
        ...listing.objects.map((object) =>
          h(
            'tr',
            { attrs: { 'data-key': object.key } },
            h(
              'td',
              { className: 'mono' },
              h('a', { attrs: { href: objectUrl(listing.bucket, object.key), target: '_blank', rel: 'noopener' } }, object.key),
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
  return {
    offer(buckets) {
      const current = bucketInput.value;
      bucketInput.replaceChildren(...buckets.map(({ module, name }) => h('option', { attrs: { value: name } }, `${name} (${module})`)));
      if (buckets.some((bucket) => bucket.name === current)) bucketInput.value = current;
    },
    list,
  };
}
