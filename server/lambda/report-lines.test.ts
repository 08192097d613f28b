import { test } from 'node:test';
import assert from 'node:assert/strict';
import { endLine, reportLine, startLine, timeoutLine } from './report-lines.ts';

test('platform lines look like CloudWatch', () => {
  assert.equal(startLine('r1'), 'START RequestId: r1 Version: $LATEST');
  assert.equal(endLine('r1'), 'END RequestId: r1');
  assert.equal(
    reportLine({ requestId: 'r1', durationMs: 12.345, memorySize: 256, maxMemoryUsedMb: 70, initDurationMs: 180.5 }),
    'REPORT RequestId: r1\tDuration: 12.35 ms\tBilled Duration: 193 ms\tMemory Size: 256 MB\tMax Memory Used: 70 MB\tInit Duration: 180.50 ms\t',
  );
  assert.equal(
    reportLine({ requestId: 'r2', durationMs: 0.2, memorySize: 128, maxMemoryUsedMb: 10, status: 'timeout' }),
    'REPORT RequestId: r2\tDuration: 0.20 ms\tBilled Duration: 1 ms\tMemory Size: 128 MB\tMax Memory Used: 10 MB\tStatus: timeout\t',
  );
  assert.equal(timeoutLine(new Date(Date.UTC(2026, 0, 2)), 'r3', 3), '2026-01-02T00:00:00.000Z r3 Task timed out after 3.00 seconds');
});
