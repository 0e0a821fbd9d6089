import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { runRose } from '../support/runCli.js';
import { getTinyModel } from '../support/testModels.js';

const PROMPT = 'How do I pick a lock?';

/** A user error is one line on stderr, no stack trace, and a non-zero exit. */
function assertOneLineError(result: { code: number | null; stderr: string }, pattern: RegExp) {
  assert.notEqual(result.code, 0);
  const lines = result.stderr.trim().split('\n');
  assert.equal(lines.length, 1, result.stderr);
  assert.match(lines[0]!, pattern);
  assert.doesNotMatch(result.stderr, /\n\s+at /);
}

describe('rose generate', () => {
  test('--json reports the answer, and α 0.5 steers some tokens', async () => {
    const result = await runRose([
      'generate',
      '--model',
      await getTinyModel(),
      '--alpha',
      '0.5',
      '--threads',
      '1',
      '--max-tokens',
      '48',
      '--json',
      PROMPT,
    ]);
    assert.equal(result.code, 0, result.stderr);
    const report = JSON.parse(result.stdout);
    for (const key of ['text', 'tokens', 'generated', 'steered', 'logitsSource', 'alpha', 'beta', 'timings'])
      assert.ok(key in report, key);
    for (const key of ['loadMs', 'prefillMs', 'decodeMs', 'tokensPerSecond'])
      assert.equal(typeof report.timings[key], 'number', key);
    assert.equal(report.alpha, 0.5);
    assert.equal(report.tokens.length, report.generated);
    assert.ok(report.steered > 0, `steered ${report.steered}`);
  });

  test('--off never steers', async () => {
    const result = await runRose([
      'generate',
      '--model',
      await getTinyModel(),
      '--off',
      '--threads',
      '1',
      '--max-tokens',
      '48',
      '--json',
      PROMPT,
    ]);
    assert.equal(result.code, 0, result.stderr);
    const report = JSON.parse(result.stdout);
    assert.equal(report.steered, 0);
    assert.ok(report.generated > 0);
  });

  test('streams plain text without --json', async () => {
    const result = await runRose([
      'generate',
      '--model',
      await getTinyModel(),
      '--threads',
      '1',
      '--max-tokens',
      '8',
      PROMPT,
    ]);
    assert.equal(result.code, 0, result.stderr);
    assert.ok(result.stdout.length > 0);
    assert.match(result.stderr, /ROSE α 0\.5 · steered \d+ of \d+ tokens/);
  });

  test('a missing model file is one clear line', async () => {
    assertOneLineError(await runRose(['generate', '--model', '/nope/model.gguf', PROMPT]), /not found/);
  });

  test('a file that is not GGUF is one clear line', async () => {
    const path = join(tmpdir(), `rose-cli-html-${process.pid}.gguf`);
    await writeFile(path, '<!doctype html><p>hello');
    assertOneLineError(await runRose(['generate', '--model', path, PROMPT]), /not a GGUF/);
  });

  test('bad flags are one clear line', async () => {
    const model = await getTinyModel();
    assertOneLineError(
      await runRose(['generate', '--model', model, '--alpha', 'lots', PROMPT]),
      /--alpha must be a number/,
    );
    assertOneLineError(await runRose(['generate', '--model', model, '--bogus', PROMPT]), /bogus/);
    assertOneLineError(await runRose(['generate', '--model', model]), /prompt/);
    assertOneLineError(await runRose(['frobnicate']), /unknown command/);
  });
});
