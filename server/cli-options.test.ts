import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CLI_OPTIONS, helpText, parseArgsOptions } from './cli-options.ts';

test('--help explains every option the emulator parses, each with an example and its variable', () => {
  const help = helpText();
  assert.deepEqual(
    Object.keys(parseArgsOptions()),
    CLI_OPTIONS.map((option) => option.name),
  );
  for (const option of CLI_OPTIONS) {
    assert.ok(help.includes(`--${option.name}`), option.name);
    assert.ok(help.includes(`e.g. npm start -- ${option.example}`), `${option.name} has an example`);
    assert.ok(option.example.startsWith(`--${option.name}`), `${option.name}'s example uses it`);
    if (option.variable) assert.ok(help.includes(`(${option.variable})`), `${option.name} names ${option.variable}`);
  }
});
