// Undo journal that keeps a TransactWriteItems all-or-nothing when the process
// dies in the middle of applying it. Before the first action is applied, the
// before-image of every item the transaction touches is written to a file in the
// data dir; the file is removed once the transaction has completed or been rolled
// back, and only then is the response sent. At start, a journal left behind means
// a transaction was cut short: its before-images are put back, then the file is
// removed, then the emulator serves.
//
// writeFileSync and renameSync return once the kernel has the data, which is
// what survives the death of the process (SIGKILL, crash). No fsync: that would
// only add protection against power loss or a kernel crash, which the emulator
// does not promise. LevelDB under dynalite works the same way: each write is
// appended to its log and flushed with fflush (log_writer.cc: Append, then
// Flush) before the write call returns, sync=false, so an acknowledged write is
// in the kernel too.
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CallOperation } from './dynalite-client.ts';
import type { AttributeMap } from './transaction-items.ts';

// Not a LevelDB file name (those are CURRENT, LOCK, LOG*, MANIFEST-*, *.log, *.ldb, *.sst), so LevelDB leaves it alone.
export const JOURNAL_FILE = 'emulator-transaction-journal.json';

export interface JournalEntry {
  tableName: string;
  key: AttributeMap;
  /** The item before the transaction; absent when there was none. */
  before?: AttributeMap;
}

export interface TransactionJournal {
  begin(entries: JournalEntry[]): void;
  end(): void;
}

/** In memory there is nothing to recover after a crash. */
export const noJournal: TransactionJournal = { begin: () => undefined, end: () => undefined };

export function fileJournal(dataDir: string): TransactionJournal {
  const file = join(dataDir, JOURNAL_FILE);
  const temporary = `${file}.tmp`;
  return {
    begin(entries) {
      // A journal still here was not recovered (its rollback failed): overwriting it would lose the before-images.
      if (existsSync(file)) throw new Error(`unrecovered transaction journal ${file}; restart the emulator`);
      // Written aside and renamed, so the journal is either whole or absent.
      writeFileSync(temporary, JSON.stringify({ version: 1, entries }));
      renameSync(temporary, file);
    },
    end() {
      rmSync(file, { force: true });
    },
  };
}

/** Puts every before-image back: the item as it was, or no item. */
export async function restoreBeforeImages(call: CallOperation, entries: JournalEntry[]): Promise<void> {
  for (const { tableName, key, before } of entries) {
    const result = before
      ? await call('PutItem', { TableName: tableName, Item: before })
      : await call('DeleteItem', { TableName: tableName, Key: key });
    // A table deleted since holds nothing to restore.
    if (!result.ok && result.code !== 'ResourceNotFoundException') {
      throw new Error(`restoring ${tableName} failed: ${JSON.stringify(result.data)}`);
    }
  }
}

/** Undoes a transaction cut short by the death of the process; returns how many items were restored. */
export async function recoverJournal(dataDir: string, call: CallOperation): Promise<number> {
  const file = join(dataDir, JOURNAL_FILE);
  // A temporary file means the process died before the journal was complete, so before any action was applied.
  rmSync(`${file}.tmp`, { force: true });
  if (!existsSync(file)) return 0;
  const { entries } = JSON.parse(readFileSync(file, 'utf8')) as { entries: JournalEntry[] };
  await restoreBeforeImages(call, entries);
  rmSync(file, { force: true });
  return entries.length;
}
