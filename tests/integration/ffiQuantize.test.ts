import assert from 'node:assert/strict';
import { access, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { type Llama, readGgufFileInfo } from 'node-llama-cpp';
import { createFfiLogitsSource, type FfiRuntime } from '../../main/engine/ffi/ffiLogitsSource.js';
import { quantizeModel } from '../../main/engine/ffi/quantize.js';
import { nextLogProbs } from '../support/reference.js';
import { getTinyModel } from '../support/testModels.js';
import { testFfiRuntime, testLlama } from '../support/ffiFixture.js';

let llama: Llama;
let runtime: FfiRuntime;
let folder: string;

before(async () => {
  llama = await testLlama();
  runtime = await testFfiRuntime(llama);
  folder = await mkdtemp(join(tmpdir(), 'rose-quantize-'));
});

after(async () => {
  await llama.dispose();
  await rm(folder, { recursive: true, force: true });
});

test('llama_model_quantize through the FFI writes a Q4_K_M model both sources read alike', async () => {
  const output = join(folder, 'tiny-q4_k_m.gguf');
  await quantizeModel(runtime, await getTinyModel(), output, { type: 'Q4_K_M', threads: 1 });
  const info = await readGgufFileInfo(output);
  assert.equal(info.metadata.general.file_type, 15); // LLAMA_FTYPE_MOSTLY_Q4_K_M

  const model = await llama.loadModel({ modelPath: output, gpuLayers: 0 });
  const ffi = await createFfiLogitsSource(runtime, {
    modelPath: output,
    threads: 1,
    contextSize: 256,
    gpuLayers: 0,
  });
  try {
    const prompt = [1, 300, 301, 420, 77];
    const [logits] = await ffi.sync([{ index: 0, tokens: prompt }]);
    const context = await model.createContext({ sequences: 2, contextSize: 256, threads: 1 });
    const logProbs = await nextLogProbs(context.getSequence(), prompt);
    await context.dispose();
    const offsets = [...logProbs]
      .filter(([, lp]) => lp > Math.log(1e-6))
      .map(([t, lp]) => ((logits as Float32Array)[t] as number) - lp);
    assert.ok(offsets.length > 0);
    assert.ok(Math.max(...offsets) - Math.min(...offsets) < 1e-3);
  } finally {
    await ffi.dispose();
    await model.dispose();
  }
});

test('a failed quantization throws and leaves no output file', async () => {
  const output = join(folder, 'never.gguf');
  await assert.rejects(
    quantizeModel(runtime, join(folder, 'missing.gguf'), output, { type: 'Q4_K_M', threads: 1 }),
    /llama_model_quantize failed/,
  );
  await assert.rejects(access(output));
  await assert.rejects(access(`${output}.partial`));
});
