// Writes a function's files as the directory Lambda unpacks its zip into.
// Written under a temporary name and renamed, so a reader (an emulator
// starting an environment) never sees half a task root.
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export function writeTaskRoot(dir: string, files: Record<string, Uint8Array>): void {
  if (existsSync(dir)) return;
  const temporary = `${dir}.${process.pid}.tmp`;
  rmSync(temporary, { recursive: true, force: true });
  for (const [name, contents] of Object.entries(files)) {
    const file = path.join(temporary, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, contents);
  }
  try {
    renameSync(temporary, dir);
  } catch (error) {
    rmSync(temporary, { recursive: true, force: true });
    // Another process wrote the same content first.
    if (!existsSync(dir)) throw error;
  }
}
