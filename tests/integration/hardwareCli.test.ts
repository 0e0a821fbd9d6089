import assert from 'node:assert/strict';
import { availableParallelism, totalmem } from 'node:os';
import { test } from 'node:test';
import type { CatalogFit } from '../../shared/models.js';
import type { HardwareReport } from '../../main/services/modelsFit.js';
import { runRose } from '../support/runCli.js';
import { tempDir } from '../support/tempData.js';
import { getTinyModel } from '../support/testModels.js';

async function hardware(dataDir: string, context: number): Promise<HardwareReport> {
  const result = await runRose(['hardware', '--json', '--context', String(context), '--data-dir', dataDir]);
  assert.equal(result.code, 0, result.stderr);
  return JSON.parse(result.stdout) as HardwareReport;
}

test('rose hardware --json on this CPU machine: CPU only, cores, RAM, fits that grow with context and the second sequence', async (t) => {
  const dataDir = tempDir(t);
  const imported = await runRose(['models', 'import', await getTinyModel(), '--data-dir', dataDir]);
  assert.equal(imported.code, 0, imported.stderr);

  const small = await hardware(dataDir, 1024);
  const large = await hardware(dataDir, 2048);

  assert.equal(small.hardware.gpu.kind, 'none');
  assert.deepEqual(small.hardware.gpu.deviceNames, []);
  assert.equal(small.hardware.cpu.cores, availableParallelism());
  assert.equal(small.hardware.ram.totalBytes, totalmem());
  assert.ok(small.catalog.length > 0);

  const key = (fit: CatalogFit) => `${fit.catalogId}/${fit.quantization}`;
  const largeByKey = new Map(large.catalog.map((fit) => [key(fit), fit.fit]));
  for (const { fit, ...entry } of small.catalog) {
    const bigger = largeByKey.get(key({ fit, ...entry }))!;
    assert.ok(['cpu', 'none'].includes(fit.verdict), `${key({ fit, ...entry })} cannot use a GPU here`);
    assert.equal(fit.gpuLayers, 0);
    assert.equal(fit.sequences, 2);
    assert.equal(fit.method, 'formula');
    assert.ok(bigger.contextBytes > fit.contextBytes, 'more context needs more memory');
    assert.ok(fit.contextBytes > fit.contextBytesSingleSequence, "ROSE's second sequence needs more memory");
    assert.ok(fit.ramBytes >= fit.modelBytes + fit.contextBytes - 1);
  }
  assert.ok(small.recommended, 'a model is recommended for this machine');

  const [localSmall] = small.local;
  const [localLarge] = large.local;
  assert.equal(localSmall?.fit?.method, 'gguf');
  assert.equal(localSmall?.fit?.verdict, 'cpu');
  assert.ok(localLarge!.fit!.contextBytes > localSmall!.fit!.contextBytes);
  assert.ok(localSmall!.fit!.contextBytes > localSmall!.fit!.contextBytesSingleSequence);

  const text = await runRose(['hardware', '--data-dir', dataDir]);
  assert.match(text.stdout, /GPU\s+none detected — CPU only/);
  assert.match(text.stdout, /Recommended: /);
});
