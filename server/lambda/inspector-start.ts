// `--inspect`: one inspector port per function, all free before anything
// starts, and start-up waiting (no longer than Lambda's init limit) until
// every function's environment listens, so that the banner's ports work.
import type { LambdaBinding } from '../../contract-core/load-contract.ts';
import type { FunctionRuntime } from './function-runtime.ts';
import { firstUnavailablePort, inspectorPorts } from './inspector-ports.ts';

/** How long start-up waits for the debugged functions' environments (Lambda's init limit). */
const INSPECTORS_READY_WAIT_MS = 10_000;

/** Each function's port from the first one; undefined without --inspect. Exits with one line when a port is taken. */
export async function reserveInspectorPorts(
  firstPort: number | undefined,
  functions: readonly LambdaBinding[],
): Promise<ReadonlyMap<string, number> | undefined> {
  if (!firstPort) return undefined;
  const ports = inspectorPorts(
    functions.map((fn) => fn.functionName),
    firstPort,
  );
  const busy = await firstUnavailablePort(ports.values());
  if (busy) {
    process.stderr.write(
      `emulator failed to start: --inspect needs ports ${firstPort}-${firstPort + functions.length - 1} (one per function) and ${busy} is taken (a debugged emulator still running?); choose another first port: npm start -- --inspect --inspect-port <n>\n`,
    );
    process.exit(1);
  }
  return ports;
}

/** Every function's inspector listening; an init that never ends (no init timeout while debugging) holds start-up back no longer than Lambda's init limit would. */
export async function waitForInspectors(runtime: FunctionRuntime, functions: readonly LambdaBinding[]): Promise<void> {
  await Promise.race([
    Promise.all(functions.map((fn) => runtime.prepare(fn.functionName))),
    new Promise((resolve) => setTimeout(resolve, INSPECTORS_READY_WAIT_MS).unref()),
  ]);
}
