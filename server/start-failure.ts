// The one line a failed start prints: what to do for the failure a newcomer
// meets most (a port in use), else the error's code once and its message on
// one line.

export function startFailureLine(error: unknown): string {
  const code = (error as { code?: string }).code;
  const port = (error as { port?: number }).port;
  if (code === 'EADDRINUSE') {
    return `emulator failed to start: port ${port ?? ''} is already in use (another emulator still running?); stop what uses it, or choose another: npm start -- --port <n> (the API) or --dynamodb-port <n>`;
  }
  const message = (error instanceof Error ? error.message : String(error))
    .replace(code ? `${code}: ` : '', '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && line !== '^')
    .join(' ');
  return `emulator failed to start${code ? ` (${code})` : ''}: ${message}`;
}
