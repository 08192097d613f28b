// `npm run package`: writes dist/<zip> for every function and dist/manifest.json,
// and prints each zip's size and hash.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { contractFunctions } from './contract-functions.ts';
import { MANIFEST_FILE } from './manifest.ts';
import { packageFunctions } from './package-functions.ts';

const projectRoot = fileURLToPath(new URL('../', import.meta.url));
const distDir = path.join(projectRoot, 'dist');
const began = performance.now();
const manifest = await packageFunctions(contractFunctions(projectRoot), projectRoot, distDir);
for (const fn of manifest.functions) {
  process.stdout.write(
    `${fn.zip.padEnd(30)} ${(fn.size / 1024).toFixed(0).padStart(5)} KiB zipped ${(fn.unzippedSize / 1024).toFixed(0).padStart(6)} KiB unzipped  sha256 ${fn.sha256.slice(0, 16)}…\n`,
  );
}
process.stdout.write(
  `packaged ${manifest.functions.length} functions into ${path.relative(projectRoot, distDir)}/ (${MANIFEST_FILE}) in ${Math.round(performance.now() - began)} ms\n`,
);
