// Returns only once the file named by RELEASE_FILE exists, so a test decides when it finishes.
import { existsSync } from 'node:fs';

export async function handler(): Promise<void> {
  const release = process.env['RELEASE_FILE'] ?? 'release';
  while (!existsSync(release)) await new Promise((resolve) => setTimeout(resolve, 20));
}
