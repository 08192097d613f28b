// The address other devices on the network reach this machine at, for the
// URLs the emulator hands out in LAN mode (presigned S3 uploads and downloads).
import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os';

/** The first non-internal IPv4 address, or null when the machine has none. */
export function lanAddress(interfaces: NodeJS.Dict<NetworkInterfaceInfo[]> = networkInterfaces()): string | null {
  for (const entries of Object.values(interfaces)) {
    const found = entries?.find((entry) => entry.family === 'IPv4' && !entry.internal);
    if (found) return found.address;
  }
  return null;
}

/** Whether a bind address opens the server beyond this machine. */
export function isWildcardHost(host: string): boolean {
  return host === '0.0.0.0' || host === '::';
}
