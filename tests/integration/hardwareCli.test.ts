import assert from 'node:assert/strict';
import { availableParallelism, totalmem } from 'node:os';
import { test } from 'node:test';
import { getLlama, LlamaLogLevel } from 'node-llama-cpp';
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

/** Whether node-llama-cpp itself finds a GPU backend here: the test's own oracle, not Rose's report. */
async function gpuBackendHere(): Promise<string | false> {
  const llama = await getLlama({ gpu: 'auto', build: 'never', logLevel: LlamaLogLevel.error, maxThreads: 1 });
  try {
    return llama.gpu;
  } finally {
    await llama.dispose();
  }
}

test('rose hardware --json: the GPU node-llama-cpp finds, cores, RAM, fits that grow with context and the second sequence', {
  timeout: 180_000,
}, async (t) => {
  const dataDir = tempDir(t);
  const gpu = await gpuBackendHere();
  const imported = await runRose(['models', 'import', await getTinyModel(), '--data-dir', dataDir]);
  assert.equal(imported.code, 0, imported.stderr);

  const small = await hardware(dataDir, 1024);
  const large = await hardware(dataDir, 2048);

  if (gpu === false) {
    assert.equal(small.hardware.gpu.kind, 'none');
    assert.deepEqual(small.hardware.gpu.deviceNames, []);
  } else {
    assert.equal(small.hardware.gpu.kind, gpu);
    assert.ok(small.hardware.gpu.deviceNames.length > 0, 'a GPU backend names its devices');
  }
  assert.equal(small.hardware.cpu.cores, availableParallelism());
  assert.equal(small.hardware.ram.totalBytes, totalmem());
  assert.ok(small.catalog.length > 0);

  const key = (fit: CatalogFit) => `${fit.catalogId}/${fit.quantization}`;
  const largeByKey = new Map(large.catalog.map((fit) => [key(fit), fit.fit]));
  for (const { fit, ...entry } of small.catalog) {
    const bigger = largeByKey.get(key({ fit, ...entry }))!;
    if (gpu === false) {
      assert.ok(['cpu', 'none'].includes(fit.verdict), `${key({ fit, ...entry })} cannot use a GPU here`);
      assert.equal(fit.gpuLayers, 0);
    }
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
  if (gpu === false) assert.equal(localSmall?.fit?.verdict, 'cpu');
  assert.ok(localLarge!.fit!.contextBytes > localSmall!.fit!.contextBytes);
  assert.ok(localSmall!.fit!.contextBytes > localSmall!.fit!.contextBytesSingleSequence);

  const text = await runRose(['hardware', '--data-dir', dataDir]);
  if (gpu === false) assert.match(text.stdout, /GPU\s+none detected — CPU only/);
  assert.match(text.stdout, /Recommended: /);
});
