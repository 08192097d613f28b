// The platform lines CloudWatch shows around each invocation. Pure.

export interface ReportFields {
  requestId: string;
  durationMs: number;
  memorySize: number;
  maxMemoryUsedMb: number;
  /** Present on a cold start only. */
  initDurationMs?: number;
  status?: 'timeout' | 'error';
}

export function startLine(requestId: string): string {
  return `START RequestId: ${requestId} Version: $LATEST`;
}

export function endLine(requestId: string): string {
  return `END RequestId: ${requestId}`;
}

export function reportLine(fields: ReportFields): string {
  const parts = [
    `REPORT RequestId: ${fields.requestId}`,
    `Duration: ${fields.durationMs.toFixed(2)} ms`,
    `Billed Duration: ${Math.max(1, Math.ceil(fields.durationMs + (fields.initDurationMs ?? 0)))} ms`,
    `Memory Size: ${fields.memorySize} MB`,
    `Max Memory Used: ${fields.maxMemoryUsedMb} MB`,
  ];
  if (fields.initDurationMs !== undefined) parts.push(`Init Duration: ${fields.initDurationMs.toFixed(2)} ms`);
  if (fields.status) parts.push(`Status: ${fields.status}`);
  return `${parts.join('\t')}\t`;
}

export function timeoutLine(at: Date, requestId: string, timeoutSeconds: number): string {
  return `${at.toISOString()} ${requestId} Task timed out after ${timeoutSeconds.toFixed(2)} seconds`;
}
