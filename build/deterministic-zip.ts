// A zip whose bytes depend only on the files in it: entries sorted by name,
// one fixed timestamp, fixed Unix modes, fixed compression. Two builds of the
// same sources give the same sha256, which is what makes a deploy reviewable
// (Terraform's source_code_hash changes only when the code does).
import { zipSync, type Zippable } from 'fflate';

// The earliest time a zip entry can hold (DOS dates start in 1980). fflate
// writes the local-time fields of the Date, so it is made from local fields,
// at each call: the entry reads 1980-01-01 00:00 whatever the time zone is then.
const fixedTime = (): Date => new Date(1980, 0, 1, 0, 0, 0);
const UNIX = 3;
// rw-r--r--, regular file: readable by the Lambda runtime's user.
const FILE_MODE = 0o100644;

export function deterministicZip(files: Record<string, Uint8Array>): Uint8Array {
  const entries: Zippable = {};
  const mtime = fixedTime();
  for (const name of Object.keys(files).sort()) {
    if (name.startsWith('/') || name.split('/').includes('..')) throw new Error(`zip entry ${name} would escape its root`);
    entries[name] = [files[name]!, { level: 9, mtime, os: UNIX, attrs: (FILE_MODE << 16) >>> 0 }];
  }
  return zipSync(entries);
}
