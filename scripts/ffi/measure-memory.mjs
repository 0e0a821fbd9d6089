#!/usr/bin/env node
// Resident memory of the FFI path (weights loaded through libllama + a vocab-only node-llama-cpp
// load for tokenization) against node-llama-cpp alone, same model, same two-sequence context.
// Each variant runs in its own process. Needs `npm run build` first.
//   node scripts/ffi/measure-memory.mjs [--vocab 32000] [--context 2048]
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const dist = new URL('../../dist/', import.meta.url);
const { values } = parseArgs({
  options: {
    vocab: { type: 'string', default: '32000' },
    context: { type: 'string', default: '2048' },
    child: { type: 'string' },
  },
});

async function measure(variant, modelPath, contextSize) {
  const { getLlama, LlamaLogLevel } = await import('node-llama-cpp');
  const llama = await getLlama({
    gpu: false,
    maxThreads: 1,
    build: 'never',
    progressLogs: false,
    logLevel: LlamaLogLevel.error,
  });
  const rssBefore = process.memoryUsage().rss;
  const prompt = Array.from({ length: 64 }, (_, i) => 300 + i);
  let dispose;
  if (variant === 'api') {
    const model = await llama.loadModel({ modelPath, gpuLayers: 0 });
    const context = await model.createContext({ sequences: 2, contextSize, threads: 1 });
    const sequences = [context.getSequence(), context.getSequence()];
    await Promise.all(
      sequences.map((s) =>
        s.controlledEvaluate(
          prompt.map((t, i) => (i === prompt.length - 1 ? [t, { generateNext: { token: true } }] : t)),
        ),
      ),
    );
    dispose = async () => {
      await context.dispose();
      await model.dispose();
    };
  } else {
    const { checkFfiGate } = await import(new URL('main/engine/ffi/gate.js', dist));
    const { createFfiLogitsSource } = await import(new URL('main/engine/ffi/ffiLogitsSource.js', dist));
    const vocabOnly = await llama.loadModel({ modelPath, vocabOnly: true });
    const gate = await checkFfiGate({ gpu: llama.gpu, canary: false });
    if (!gate.ok) throw new Error(gate.reason);
    const source = await createFfiLogitsSource(gate.runtime, {
      modelPath,
      threads: 1,
      contextSize,
      gpuLayers: 0,
    });
    await source.sync([
      { index: 0, tokens: prompt },
      { index: 1, tokens: prompt },
    ]);
    dispose = async () => {
      await source.dispose();
      await vocabOnly.dispose();
    };
  }
  const rssAfter = process.memoryUsage().rss;
  await dispose();
  await llama.dispose();
  return {
    variant,
    rssMiB: Math.round(rssAfter / 2 ** 20),
    addedMiB: Math.round((rssAfter - rssBefore) / 2 ** 20),
  };
}

if (values.child) {
  const [variant, modelPath, contextSize] = values.child.split('|');
  process.stdout.write(JSON.stringify(await measure(variant, modelPath, Number(contextSize))));
} else {
  const { ensureSyntheticModel } = await import(new URL('main/models/synthetic/modelCache.js', dist));
  const { benchmarkModelOptions } = await import(new URL('main/models/synthetic/options.js', dist));
  const { path } = await ensureSyntheticModel(
    join(tmpdir(), 'rose-bench-models'),
    benchmarkModelOptions(Number(values.vocab)),
  );
  const results = ['api', 'ffi'].map((variant) =>
    JSON.parse(
      execFileSync(
        process.execPath,
        [new URL(import.meta.url).pathname, '--child', `${variant}|${path}|${values.context}`],
        { encoding: 'utf8' },
      ),
    ),
  );
  process.stdout.write(
    `${JSON.stringify({ model: path, vocab: Number(values.vocab), contextSize: Number(values.context), results }, null, 2)}\n`,
  );
}
