import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { batchedLines } from './batched-lines.ts';

const recorder = () => {
  const writes: string[] = [];
  return { writes, stream: { write: (text: string) => writes.push(text) > 0 } };
};

test('the lines of one turn of the event loop go out in one write, in order', async () => {
  const { writes, stream } = recorder();
  const lines = batchedLines(stream);
  lines.write('START');
  lines.write('END');
  lines.write('REPORT');
  assert.deepEqual(writes, []);
  await nextTurn();
  assert.deepEqual(writes, ['START\nEND\nREPORT\n']);
  lines.write('next');
  await nextTurn();
  assert.deepEqual(writes, ['START\nEND\nREPORT\n', 'next\n']);
});

test('flush writes what is pending at once, and nothing twice', async () => {
  const { writes, stream } = recorder();
  const lines = batchedLines(stream);
  lines.write('last words');
  lines.flush();
  assert.deepEqual(writes, ['last words\n']);
  await nextTurn();
  lines.flush();
  assert.deepEqual(writes, ['last words\n']);
});
