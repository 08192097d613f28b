/// <reference lib="dom" />
// One dispute as stored: its fields, its timeline, its messages (staff-only
// ones marked) and its evidence with each file's upload state (images shown).
import type { DisputeDetail, EvidenceEntry } from '../dispute-console-types.ts';
import { type Child, h } from '../../../server/console/page/dom.ts';
import { formatBytes } from '../../../server/console/page/format-bytes.ts';
import { fieldTable, recordTable } from '../../../server/console/page/record-table.ts';

export interface DisputeViewEvents {
  back(): void;
  /** Show the dispute's items in the raw table view. */
  items(pk: string): void;
  /** The address of one of the evidence bucket's objects. */
  objectUrl(key: string): string;
}

export function disputeView(id: number, detail: DisputeDetail, events: DisputeViewEvents): Node[] {
  const internal = detail.messages.filter((message) => message['is_internal'] === true).length;
  return [
    h(
      'p',
      {},
      h('button', { attrs: { type: 'button' }, id: 'dispute-back', onClick: () => events.back() }, '← all disputes'),
      ' ',
      h('button', { attrs: { type: 'button' }, onClick: () => events.items(`DISPUTE#${id}`) }, `Its items in the table (PK DISPUTE#${id})`),
    ),
    h('h2', {}, `Dispute ${id}`),
    fieldTable(detail.dispute, 'dispute-fields'),
    h('h3', {}, `Timeline (${detail.timeline.length})`),
    recordTable(detail.timeline, { testId: 'dispute-timeline' }),
    h('h3', {}, `Messages (${detail.messages.length}${internal > 0 ? `, ${internal} staff-only` : ''})`),
    recordTable(detail.messages, {
      testId: 'dispute-messages',
      lead: (message) =>
        message['is_internal'] === true ? [h('span', { className: 'badge staff', title: 'only staff see it' }, 'staff only')] : [],
      decorate(row, message) {
        const staffOnly = message['is_internal'] === true;
        row.classList.toggle('internal', staffOnly);
        row.dataset['internal'] = String(staffOnly);
      },
    }),
    h('h3', {}, `Evidence (${detail.evidence.length})`),
    recordTable(detail.evidence, {
      testId: 'dispute-evidence',
      omit: ['object', 'upload'],
      extra: [{ title: 'file', cell: (evidence) => fileState(evidence, events.objectUrl) }],
      decorate: (row, evidence) => {
        row.dataset['file'] = evidence.object ? 'stored' : evidence.upload ? 'staged' : 'missing';
      },
    }),
  ];
}

/** Whether the bucket has the file: checked and served, uploaded but not checked yet, or nothing yet. */
function fileState(evidence: EvidenceEntry, objectUrl: (key: string) => string): Child[] {
  const link = (key: string) => h('a', { className: 'mono', attrs: { href: objectUrl(key), target: '_blank', rel: 'noopener' } }, key);
  const { object, upload } = evidence;
  if (!object && !upload) return [h('span', { className: 'badge missing' }, 'not uploaded yet')];
  if (!object && upload) {
    return [
      h(
        'span',
        { className: 'badge missing', title: 'the upload is in the bucket; the check that moves it to its key has not run' },
        'uploaded, not checked yet',
      ),
      `${formatBytes(upload.size)} `,
      link(upload.key),
    ];
  }
  const stored = object!;
  return [
    h('span', { className: 'badge uploaded' }, 'stored'),
    `${formatBytes(stored.size)}${stored.contentType ? ` · ${stored.contentType}` : ''} `,
    link(stored.key),
    stored.contentType?.startsWith('image/')
      ? h('img', { className: 'preview', attrs: { src: objectUrl(stored.key), alt: `evidence ${stored.key}`, loading: 'lazy' } })
      : null,
  ];
}
