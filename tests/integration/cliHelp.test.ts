import assert from 'node:assert/strict';
import { test } from 'node:test';
import { commands } from '../../main/cli/commands/index.js';
import { runRose } from '../support/runCli.js';

test('rose <command> --help prints that command’s usage and flags, for every command', {
  timeout: 120_000,
}, async () => {
  for (const [name, load] of Object.entries(commands)) {
    const module = await load();
    for (const flag of ['--help', '-h']) {
      const result = await runRose([name, flag]);
      assert.equal(result.code, 0, `${name} ${flag}: ${result.stderr}`);
      assert.equal(result.stderr, '', `${name} ${flag}`);
      assert.ok(result.stdout.startsWith(`Usage: rose ${name}`), result.stdout);
      assert.ok(result.stdout.includes(module.summary), `${name}: the summary`);
      for (const option of Object.keys(module.options))
        assert.match(result.stdout, new RegExp(`--${option}\\b`), `${name} lists --${option}`);
    }
  }
  // Help wins over other flags, but not after `--`, where it is an argument.
  const late = await runRose(['models', 'list', '--json', '--help']);
  assert.match(late.stdout, /^Usage: rose models/);
  const unknown = await runRose(['models', '--bogus']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /^rose: Unknown option '--bogus'.*'rose models --help' lists the options/);
});
