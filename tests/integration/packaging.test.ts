import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));

type Report = { ok: boolean; seconds: number; results: { name: string; ok: boolean; detail: string }[] };

/**
 * The release packaging, checked offline: electron-builder `--linux dir` against a stub Electron
 * distribution (scripts/packaging/check-package.mjs), then the asar and its unpacked natives are
 * inspected. One run, about 20 s: it copies the production node_modules.
 */
test('electron-builder packages the app with its native binaries unpacked and no sources', {
  timeout: 240_000,
}, () => {
  // The preload bundle is part of the package; build it here so the check does not depend on
  // which build steps ran before the tests.
  const preload = spawnSync(process.execPath, [join(root, 'scripts', 'build-preload.mjs')], {
    cwd: root,
    encoding: 'utf8',
  });
  assert.equal(preload.status, 0, preload.stderr);

  const run = spawnSync(
    process.execPath,
    [join(root, 'scripts', 'packaging', 'check-package.mjs'), '--json'],
    {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  assert.equal(
    run.status === 0 || run.status === 1,
    true,
    `check crashed (exit ${run.status}): ${run.stderr}`,
  );
  const report = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as Report;
  const failed = report.results.filter((r) => !r.ok).map((r) => `${r.name}: ${r.detail}`);
  assert.deepEqual(failed, []);
  assert.ok(report.results.length >= 10, 'the check ran its assertions');
  assert.equal(report.ok, true);
});
