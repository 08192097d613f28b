// The README's route table, made from openapi.yaml so that it cannot drift:
// `npm run docs:routes` rewrites it, and route-table.test.ts fails when the
// README's copy differs from what the contract says today.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

interface Operation {
  operationId: string;
  summary?: string;
  'x-lambda': { function: string; zip: string; memory: number; timeout: number };
}

export const START = '<!-- routes:start (generated from openapi.yaml by `npm run docs:routes`) -->';
export const END = '<!-- routes:end -->';

export function renderRouteTable(contractText: string): string {
  const contract = parse(contractText) as { paths: Record<string, Record<string, Operation>> };
  const rows = Object.entries(contract.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => {
      const lambda = op['x-lambda'];
      return `| \`${method.toUpperCase()} ${path}\` | ${op.summary ?? op.operationId} | \`${lambda.function}\` | ${lambda.zip} | ${lambda.memory} MB / ${lambda.timeout} s |`;
    }),
  );
  return [START, '| route | what it does | function | zip | memory / timeout |', '|---|---|---|---|---|', ...rows, END].join('\n');
}

export function readmeRouteTable(readmeText: string): string | undefined {
  const start = readmeText.indexOf(START);
  const end = readmeText.indexOf(END);
  return start < 0 || end < start ? undefined : readmeText.slice(start, end + END.length);
}

const root = new URL('../', import.meta.url);
export const contractFile = fileURLToPath(new URL('openapi.yaml', root));
export const readmeFile = fileURLToPath(new URL('README.md', root));

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const readme = readFileSync(readmeFile, 'utf8');
  const current = readmeRouteTable(readme);
  if (!current) throw new Error(`README.md has no ${START} … ${END} block`);
  writeFileSync(readmeFile, readme.replace(current, renderRouteTable(readFileSync(contractFile, 'utf8'))));
}
