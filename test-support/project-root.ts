// The repository's root (with a trailing slash), where tests and benches run npm's commands from.
import { fileURLToPath } from 'node:url';

export const projectRoot = fileURLToPath(new URL('../', import.meta.url));
