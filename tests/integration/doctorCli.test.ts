import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { installedNodeLlamaCpp } from '../../main/engine/ffi/library.js';
import { runRose } from '../support/runCli.js';

test('rose doctor --json reports versions, the binary, the logits source and why, and threads', async () => {
  const cacheDir = await mkdtemp(join(tmpdir(), 'rose-doctor-'));
  try {
    const result = await runRose(['doctor', '--json'], { ROSE_LOGITS: 'api', ROSE_CACHE_DIR: cacheDir });
    assert.equal(result.code, 0, result.stderr);
    const report = JSON.parse(result.stdout);
    const installed = installedNodeLlamaCpp();
    assert.equal(report.versions.node, process.versions.node);
    assert.equal(report.versions.nodeLlamaCpp, installed.version);
    assert.equal(report.versions.llamaCpp, installed.release);
    assert.ok(['cpu', 'cuda', 'vulkan', 'metal'].includes(report.binary.backend));
    assert.match(report.binary.library, /llama/);
    assert.deepEqual(report.logits, {
      source: 'api',
      reason: 'forced by ROSE_LOGITS=api',
      forced: 'api',
      cacheDir,
    });
    assert.ok(Number.isInteger(report.threads.default) && report.threads.default >= 1);
  } finally {
    await rm(cacheDir, { recursive: true, force: true });
  }
});

test('rose doctor explains a ROSE_LOGITS value it cannot honour instead of failing', async () => {
  const result = await runRose(['doctor'], { ROSE_LOGITS: 'turbo' });
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /source\s+unavailable/);
  assert.match(result.stdout, /ROSE_LOGITS must be 'api' or 'ffi'/);
});
