// Which tables have Time to Live enabled, on which attribute. dynalite has no
// TTL, so the front server keeps this itself: in memory, and in a file of the
// data dir when there is one, so that the setting survives a restart as the
// table does. Each setting names the table's creation time, so that a table
// deleted and created again under the same name starts with TTL disabled, as
// a new table does in AWS.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const TIME_TO_LIVE_FILE = 'emulator-time-to-live.json';

export interface TimeToLiveSetting {
  attributeName: string;
  /** The table's CreationDateTime when TTL was enabled. */
  tableCreatedAt: number;
}

export interface TimeToLiveSettings {
  get(tableName: string): TimeToLiveSetting | undefined;
  set(tableName: string, setting: TimeToLiveSetting | undefined): void;
  tableNames(): string[];
}

export function createTimeToLiveSettings(dataDir?: string): TimeToLiveSettings {
  const file = dataDir ? join(dataDir, TIME_TO_LIVE_FILE) : undefined;
  const settings = new Map<string, TimeToLiveSetting>(
    file && existsSync(file) ? Object.entries(JSON.parse(readFileSync(file, 'utf8')) as Record<string, TimeToLiveSetting>) : [],
  );

  function save(): void {
    if (!file) return;
    // Written aside and renamed, so a crash leaves the old file or the new one, never half of one.
    writeFileSync(`${file}.tmp`, JSON.stringify(Object.fromEntries(settings)));
    renameSync(`${file}.tmp`, file);
  }

  return {
    get: (tableName) => settings.get(tableName),
    set(tableName, setting) {
      if (setting) settings.set(tableName, setting);
      else settings.delete(tableName);
      save();
    },
    tableNames: () => [...settings.keys()],
  };
}
