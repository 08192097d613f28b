// Writes a function's files as the directory Lambda unpacks its zip into.
// Written under a temporary name and renamed, so a reader (an emulator
// starting an environment) never sees half a task root. A file name that
// would land outside the directory is refused.
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export function writeTaskRoot(dir: string, files: Record<string, Uint8Array>): void {
  if (existsSync(dir)) return;
  const temporary = `${dir}.${process.pid}.tmp`;
  rmSync(temporary, { recursive: true, force: true });
  try {
    for (const [name, contents] of Object.entries(files)) {
      const file = path.resolve(temporary, name);
      if (!file.startsWith(temporary + path.sep)) throw new Error(`${name} would escape its task root`);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, contents);
    }
  } catch (error) {
    rmSync(temporary, { recursive: true, force: true });
    throw error;
  }
  try {
    renameSync(temporary, dir);
  } catch (error) {
    rmSync(temporary, { recursive: true, force: true });
    // Another process wrote the same content first.
    if (!existsSync(dir)) throw error;
  }
}
