// Fails the first time it sees an event and succeeds from then on, whichever
// execution environment runs it: the first attempt leaves the marker file.
import { existsSync, writeFileSync } from 'node:fs';

export async function handler(event: { marker: string }): Promise<string> {
  if (!existsSync(event.marker)) {
    writeFileSync(event.marker, 'failed once');
    throw new Error('the first attempt fails');
  }
  return 'ok';
}
