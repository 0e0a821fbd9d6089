import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CatalogEntry } from '../../shared/catalog.js';
import type { CatalogFit, HardwareInfo } from '../../shared/models.js';
import { estimateCatalogFit, kvCacheBytes, weightBytes } from '../../main/models/catalogFit.js';
import { classifyFit, memoryBudget, type Requirements } from '../../main/models/fitClassify.js';
import { TransferRate } from '../../main/models/transferRate.js';
import { recommend } from '../../main/services/modelsFit.js';

const GB = 1e9;
const entry: CatalogEntry = {
  id: 'test-3b',
  name: 'Test 3B',
  family: 'llama',
  parameters: 3e9,
  contextLength: 32768,
  licence: 'MIT',
  licenceUrl: 'https://example.com/licence',
  description: 'A model for tests.',
  architecture: { layers: 28, kvHeads: 8, headDim: 128 },
  defaultQuantization: 'Q4_K_M',
  variants: [{ quantization: 'Q4_K_M', uri: 'hf:test/test/test.gguf', approxSizeBytes: 1 }],
};
const variant = entry.variants[0]!;

function machine(gpu: { vramFree: number } | undefined, ramTotal: number, cores = 8): HardwareInfo {
  return {
    gpu: {
      kind: gpu ? 'cuda' : 'none',
      deviceNames: gpu ? ['Test GPU'] : [],
      vramTotalBytes: gpu ? gpu.vramFree : 0,
      vramFreeBytes: gpu?.vramFree ?? 0,
      backendsAvailable: gpu ? ['cuda'] : [],
    },
    cpu: { model: 'test', cores },
    ram: { totalBytes: ramTotal, freeBytes: ramTotal },
  };
}

test('the KV cache grows linearly with context and doubles with the second sequence', () => {
  const one = kvCacheBytes(entry, 4096, 1);
  assert.equal(kvCacheBytes(entry, 4096, 2), 2 * one);
  assert.equal(kvCacheBytes(entry, 8192, 1), 2 * one);
  const fit = estimateCatalogFit(entry, variant, 4096, memoryBudget(machine(undefined, 64 * GB)));
  assert.equal(fit.contextBytes - fit.contextBytesSingleSequence, one);
});

test('weights come from parameters × bits, unless the listed file is larger', () => {
  const formula = weightBytes(entry, variant);
  assert.ok(formula > 1.5 * GB && formula < 2 * GB);
  assert.equal(weightBytes(entry, { ...variant, approxSizeBytes: 3 * GB }), 3 * GB);
});

test('catalog fits move from GPU to partial to CPU to nowhere as memory shrinks', () => {
  const verdict = (hardware: HardwareInfo) =>
    estimateCatalogFit(entry, variant, 4096, memoryBudget(hardware));
  const roomy = verdict(machine({ vramFree: 24 * GB }, 32 * GB));
  assert.equal(roomy.verdict, 'gpu');
  assert.equal(roomy.gpuLayers, roomy.totalLayers);
  const tight = verdict(machine({ vramFree: 1.5 * GB }, 32 * GB));
  assert.equal(tight.verdict, 'partial');
  assert.ok(tight.gpuLayers > 0 && tight.gpuLayers < tight.totalLayers);
  assert.ok(tight.vramBytes <= 1.5 * GB * 0.9);
  assert.equal(verdict(machine(undefined, 16 * GB)).verdict, 'cpu');
  assert.equal(verdict(machine(undefined, 2 * GB)).verdict, 'none');
});

test('classifyFit picks the most layers that fit in VRAM', () => {
  const perLayer = 100;
  const requirementsAt = (gpuLayers: number): Requirements => ({
    modelBytes: 1000,
    contextBytes: 0,
    contextBytesSingleSequence: 0,
    vramBytes: gpuLayers * perLayer,
    ramBytes: (10 - gpuLayers) * perLayer,
  });
  const meta = { contextSize: 1, sequences: 2, method: 'formula' as const };
  assert.equal(
    classifyFit(10, requirementsAt, { hasGpu: true, vramBytes: 450, ramBytes: 1e6 }, meta).gpuLayers,
    4,
  );
  assert.equal(
    classifyFit(10, requirementsAt, { hasGpu: false, vramBytes: 0, ramBytes: 999 }, meta).verdict,
    'none',
  );
});

test('recommend: the largest that fits a GPU, else a small one sized to the CPU cores', () => {
  const small: CatalogEntry = { ...entry, id: 'small', parameters: 0.5e9 };
  const entries = [small, entry];
  const fitsFor = (hardware: HardwareInfo): CatalogFit[] =>
    entries.map((candidate) => ({
      catalogId: candidate.id,
      quantization: 'Q4_K_M',
      uri: candidate.variants[0]!.uri,
      fit: estimateCatalogFit(candidate, candidate.variants[0]!, 4096, memoryBudget(hardware)),
    }));
  const gpu = machine({ vramFree: 24 * GB }, 32 * GB);
  assert.equal(recommend(entries, fitsFor(gpu), gpu)?.catalogId, 'test-3b');
  const twoCores = machine(undefined, 32 * GB, 2);
  assert.equal(recommend(entries, fitsFor(twoCores), twoCores)?.catalogId, 'small');
  const eightCores = machine(undefined, 32 * GB, 8);
  assert.equal(recommend(entries, fitsFor(eightCores), eightCores)?.catalogId, 'test-3b');
  const tiny = machine(undefined, 0.1 * GB, 8);
  assert.equal(recommend(entries, fitsFor(tiny), tiny), undefined);
});

test('transfer rate: speed over the window and the time left', () => {
  const rate = new TransferRate(5000);
  assert.deepEqual(rate.update(0, 1000, 0), { bytesPerSecond: 0, etaSeconds: null });
  assert.deepEqual(rate.update(100, 1000, 1000), { bytesPerSecond: 100, etaSeconds: 9 });
  rate.update(200, 1000, 2000);
  const later = rate.update(800, 1000, 8000);
  assert.equal(later.bytesPerSecond, 100);
  assert.equal(later.etaSeconds, 2);
});
