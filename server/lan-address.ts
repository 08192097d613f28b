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

/** Every non-internal address of this machine: the names a browser on the network may address it by. */
export function machineAddresses(interfaces: NodeJS.Dict<NetworkInterfaceInfo[]> = networkInterfaces()): string[] {
  return Object.values(interfaces).flatMap((entries) => (entries ?? []).filter((entry) => !entry.internal).map((entry) => entry.address));
}

/** Whether a bind address opens the server beyond this machine. */
export function isWildcardHost(host: string): boolean {
  return host === '0.0.0.0' || host === '::';
}
