/// <reference lib="dom" />
// The detail's tabs, each a view of one part of an InvocationRecord: the
// gateway's response, the function's log lines, the event it got, what it
// returned, and the request as it came in.
import type { InvocationRecord } from '../console-types.ts';
import { h } from './dom.ts';
import { pretty, prettyBody } from './invocation-format.ts';

export type DetailTab = 'response' | 'logs' | 'event' | 'result' | 'request';
export const DETAIL_TABS: readonly DetailTab[] = ['response', 'logs', 'event', 'result', 'request'];

const NO_FUNCTION = 'No function ran: the gateway answered by itself.';

export function renderTab(tab: DetailTab, record: InvocationRecord): Node[] {
  switch (tab) {
    case 'response':
      return [
        h('h3', {}, 'Status'),
        h('pre', { testId: 'response-status' }, String(record.response.statusCode)),
        h('h3', {}, 'Headers'),
        headerTable(Object.entries(record.response.headers)),
        h('h3', {}, 'Body'),
        ...body(record.response.body, record.response.bodyEncoding, record.response.bodyTruncated, 'response-body'),
      ];
    case 'logs':
      if (record.logs.length === 0) return [note(record.functionName === null ? NO_FUNCTION : 'The function wrote no log lines.')];
      return [h('pre', { testId: 'logs' }, ...record.logs.map((line) => h('div', { className: `log-line ${logClass(line)}` }, line)))];
    case 'event':
      return record.event === null ? [note(NO_FUNCTION)] : [h('pre', { testId: 'event' }, pretty(record.event))];
    case 'result':
      return record.result === null ? [note(NO_FUNCTION)] : [h('pre', { testId: 'result' }, pretty(record.result))];
    case 'request':
      return [
        h('h3', {}, 'Request line'),
        h('pre', {}, `${record.method} ${record.path}`),
        h('h3', {}, 'Headers'),
        headerTable(record.request.headers),
        h('h3', {}, 'Body'),
        ...(record.request.body === null
          ? [note('no body')]
          : body(record.request.body, record.request.bodyEncoding, record.request.bodyTruncated, 'request-body')),
      ];
  }
}

function headerTable(headers: Array<[string, string]>): Node {
  if (headers.length === 0) return note('none');
  return h(
    'table',
    { className: 'headers' },
    h('tbody', {}, ...headers.map(([name, value]) => h('tr', {}, h('td', {}, name), h('td', {}, value)))),
  );
}

function body(text: string, encoding: 'utf8' | 'base64', truncated: boolean, testId: string): Node[] {
  const nodes: Node[] = [];
  if (encoding === 'base64') nodes.push(note('binary, shown base64-encoded'));
  if (text === '') nodes.push(note('empty'));
  else nodes.push(h('pre', { testId }, encoding === 'utf8' ? prettyBody(text) : text));
  if (truncated) nodes.push(note('cut at the console’s limit: the rest is not kept'));
  return nodes;
}

function logClass(line: string): string {
  if (line.startsWith('START ')) return 'log-start';
  if (line.startsWith('END ')) return 'log-end';
  if (line.startsWith('REPORT ')) return 'log-report';
  return /\tERROR\t/.test(line) ? 'log-error' : '';
}

const note = (text: string): Node => h('p', { className: 'note' }, text);
