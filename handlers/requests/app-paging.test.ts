import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseRequest } from '../http/parse-request.ts';
import { ValidationProblem } from '../problems/problem.ts';
import { LATER_PAGE_MESSAGE, LIMIT_AND_PAGE_SIZE_MESSAGE, PAGE_WITH_CURSOR_MESSAGE } from './app-paging.ts';
import { listDisputeMessagesRequest } from './list-dispute-messages-request.ts';
import { listDisputesRequest } from './list-disputes-request.ts';
import { DEFAULT_LIMIT } from './parameters.ts';

const lists = [
  ['listDisputes', listDisputesRequest],
  ['listDisputeMessages', listDisputeMessagesRequest],
] as const;

async function query(definition: (typeof lists)[number][1], values: Record<string, string>) {
  return (await parseRequest({ pathParameters: { id: '1' }, queryStringParameters: values }, definition)).query;
}

async function errorsOf(definition: (typeof lists)[number][1], values: Record<string, string>): Promise<Record<string, string>> {
  try {
    await query(definition, values);
  } catch (error) {
    assert.ok(error instanceof ValidationProblem, String(error));
    return Object.fromEntries(error.errors.map((item) => [item.path, item.message]));
  }
  assert.fail(`${JSON.stringify(values)} was taken`);
}

test('page_size is read as limit, with the same bounds; limit stays the default without either', async () => {
  for (const [name, definition] of lists) {
    assert.equal((await query(definition, { page_size: '5' })).limit, 5, name);
    assert.equal((await query(definition, { page_size: '5', limit: '5' })).limit, 5, name);
    assert.equal((await query(definition, { limit: '7' })).limit, 7, name);
    assert.equal((await query(definition, {})).limit, DEFAULT_LIMIT, name);
    for (const size of ['0', '101', 'ten'])
      assert.ok((await errorsOf(definition, { page_size: size }))['query.page_size'], `${name} ${size}`);
  }
});

test('limit and page_size that differ are a 400 naming both', async () => {
  for (const [name, definition] of lists) {
    const errors = await errorsOf(definition, { limit: '5', page_size: '7' });
    assert.equal(errors['query.page_size'], LIMIT_AND_PAGE_SIZE_MESSAGE, name);
    assert.match(LIMIT_AND_PAGE_SIZE_MESSAGE, /limit and page_size/);
  }
});

test('page=1 is the first page; any other page is a 400 at query.page saying to send the cursor', async () => {
  for (const [name, definition] of lists) {
    const first = await query(definition, { page: '1', page_size: '5' });
    assert.equal(first.limit, 5, name);
    assert.equal(first.cursor, undefined, name);
    // The contract's integer 1, however written.
    assert.equal((await query(definition, { page: '01' })).cursor, undefined, name);
    for (const page of ['2', '0', '10', 'one', '', '1.0', '-1']) {
      assert.equal((await errorsOf(definition, { page }))['query.page'], LATER_PAGE_MESSAGE, `${name} page=${page}`);
    }
    assert.match(LATER_PAGE_MESSAGE, /as cursor/);
    assert.equal((await errorsOf(definition, { page: '1', cursor: 'c' }))['query.page'], PAGE_WITH_CURSOR_MESSAGE, name);
  }
});

test('an unknown parameter beside the app paging is still a 400 naming what the list takes', async () => {
  const errors = await errorsOf(listDisputesRequest, { page: '1', page_size: '5', priority: 'high' });
  assert.match(errors['query.priority'] ?? '', /^Unknown query parameter; this operation takes status, limit, cursor, page_size, page \(/);
});
