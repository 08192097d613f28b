// Appends each event it receives, as one JSON line, to the file named by RECORD_FILE.
import { appendFileSync } from 'node:fs';

export async function handler(event: unknown): Promise<void> {
  appendFileSync(process.env['RECORD_FILE'] ?? 'events.jsonl', `${JSON.stringify(event)}\n`);
}
