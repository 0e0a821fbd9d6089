import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import {
  ChatMLChatWrapper,
  getLlama,
  type Llama,
  readGgufFileInfo,
  resolveChatWrapper,
} from 'node-llama-cpp';
import { writeGguf } from '../../main/models/synthetic/ggufWriter.js';
import { ensureSyntheticModel } from '../../main/models/synthetic/modelCache.js';
import { isUserError } from '../../shared/errors.js';
import {
  type SyntheticModelOptions,
  writeSyntheticModel,
} from '../../main/models/synthetic/syntheticModel.js';
import { getTinyModel } from '../support/testModels.js';

// Smaller than the default tiny model: these tests only look at the file, not at behaviour.
const small: Partial<SyntheticModelOptions> = {
  vocabSize: 400,
  layers: 1,
  embeddingLength: 32,
  headCount: 4,
  headCountKv: 2,
  feedForwardLength: 48,
};
const cliPath = fileURLToPath(new URL('../../main/models/synthetic/cli.js', import.meta.url));
const runFile = promisify(execFile);

let folder: string;
let llama: Llama;

before(async () => {
  folder = await mkdtemp(join(tmpdir(), 'rose-synthetic-test-'));
  llama = await getLlama({ gpu: false, maxThreads: 1 });
});

after(async () => {
  await llama?.dispose();
  await rm(folder, { recursive: true, force: true });
});

async function sha256(path: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(path))
    .digest('hex');
}

test('the same options write a byte-identical file', async () => {
  await writeSyntheticModel(join(folder, 'a.gguf'), { ...small, seed: 7 });
  await writeSyntheticModel(join(folder, 'b.gguf'), { ...small, seed: 7 });
  assert.equal(await sha256(join(folder, 'a.gguf')), await sha256(join(folder, 'b.gguf')));
});

test('a different seed writes different weights', async () => {
  await writeSyntheticModel(join(folder, 'seed7.gguf'), { ...small, seed: 7 });
  await writeSyntheticModel(join(folder, 'seed8.gguf'), { ...small, seed: 8 });
  assert.notEqual(await sha256(join(folder, 'seed7.gguf')), await sha256(join(folder, 'seed8.gguf')));
});

test('tensor shapes and types follow the Llama layout, norms stay f32 in an f16 model', async () => {
  const path = join(folder, 'layout.gguf');
  const written = await writeSyntheticModel(path, { ...small, dtype: 'f16', tiedOutput: true });
  const info = await readGgufFileInfo(path, { logWarnings: false });
  const tensors = new Map(info.fullTensorInfo?.map((tensor) => [tensor.name, tensor]));
  const embd = small.embeddingLength!;
  const kvWidth = (embd * small.headCountKv!) / small.headCount!;
  assert.deepEqual(tensors.get('token_embd.weight')?.dimensions, [embd, small.vocabSize]);
  assert.deepEqual(tensors.get('blk.0.attn_k.weight')?.dimensions, [embd, kvWidth]);
  assert.deepEqual(tensors.get('blk.0.ffn_down.weight')?.dimensions, [small.feedForwardLength, embd]);
  assert.equal(tensors.has('output.weight'), false, 'a tied model has no output matrix');
  assert.equal(tensors.get('blk.0.attn_q.weight')?.ggmlType, 1);
  assert.equal(tensors.get('blk.0.attn_norm.weight')?.ggmlType, 0);
  assert.equal(tensors.get('output_norm.weight')?.ggmlType, 0);
  const elements = [...tensors.values()].reduce(
    (sum, tensor) => sum + tensor.dimensions.reduce<number>((product, dim) => product * Number(dim), 1),
    0,
  );
  assert.equal(elements, written.parameterCount);
  assert.equal(info.metadata.general.file_type, 1);
  assert.equal(info.metadata.llama?.rope?.dimension_count, embd / small.headCount!);
});

test('the tiny model loads, and text with CJK and emoji round-trips through the tokenizer', async () => {
  const model = await llama.loadModel({ modelPath: await getTinyModel() });
  try {
    const context = await model.createContext({ threads: 1, contextSize: 512 });
    const text = 'Hello world, 你好 🌹';
    const tokens = model.tokenize(text);
    assert.equal(model.detokenize(tokens), text);
    const byteTokens = tokens.filter((token) => model.getTokenAttributes(token).byte);
    assert.ok(byteTokens.length >= 4, 'the rose emoji is spelled with byte-fallback tokens');
    assert.ok(tokens.length < [...text].length, 'common words are single pieces, not letters');
    await context.dispose();
  } finally {
    await model.dispose();
  }
});

test('the ChatML template makes node-llama-cpp pick its ChatML wrapper and end on <|im_end|>', async () => {
  const model = await llama.loadModel({ modelPath: await getTinyModel() });
  try {
    assert.ok(resolveChatWrapper(model) instanceof ChatMLChatWrapper);
    const [imEnd] = model.tokenize('<|im_end|>', true);
    assert.equal(model.tokenize('<|im_end|>', true).length, 1, '<|im_end|> is one control token');
    assert.ok(model.isEogToken(imEnd), '<|im_end|> ends generation');
  } finally {
    await model.dispose();
  }
});

test('a model written with template "none" has no chat template', async () => {
  const model = await llama.loadModel({ modelPath: await getTinyModel({ template: 'none' }) });
  try {
    assert.equal(model.fileInfo.metadata.tokenizer.chat_template, undefined);
    assert.ok(!(resolveChatWrapper(model) instanceof ChatMLChatWrapper));
  } finally {
    await model.dispose();
  }
});

test('an f16 model loads and gives finite next-token probabilities', async () => {
  const model = await llama.loadModel({ modelPath: await getTinyModel({ dtype: 'f16' }) });
  try {
    const context = await model.createContext({ threads: 1, contextSize: 512 });
    const tokens = model.tokenize('Hello world');
    const input = tokens.map((token, index) =>
      index === tokens.length - 1 ? ([token, { generateNext: { probabilities: true } }] as const) : token,
    );
    const output = await context.getSequence().controlledEvaluate(input as never);
    const probabilities = [...(output.at(-1)?.next?.probabilities?.values() ?? [])];
    assert.ok(probabilities.length > 0);
    assert.ok(probabilities.every(Number.isFinite));
    await context.dispose();
  } finally {
    await model.dispose();
  }
});

test('invalid options throw a UserError and leave an existing file untouched', async () => {
  const path = join(folder, 'keep.gguf');
  await writeFile(path, 'previous contents');
  await assert.rejects(writeSyntheticModel(path, { ...small, embeddingLength: 30 }), isUserError);
  await assert.rejects(writeSyntheticModel(path, { ...small, vocabSize: 10 }), isUserError);
  assert.equal(await readFile(path, 'utf8'), 'previous contents');
});

test('model:make writes the same file as the API for the same flags', async () => {
  const path = join(folder, 'cli.gguf');
  await runFile(process.execPath, [
    cliPath,
    ...['--out', path, '--vocab', '400', '--layers', '1', '--embd', '32', '--heads', '4', '--kv-heads', '2'],
    ...['--ff', '48', '--seed', '5', '--dtype', 'f16', '--template', 'none'],
  ]);
  const apiPath = join(folder, 'api.gguf');
  await writeSyntheticModel(apiPath, { ...small, seed: 5, dtype: 'f16', template: 'none' });
  assert.equal(await sha256(path), await sha256(apiPath));
});

test('model:make rejects bad flags with one line on stderr and exit code 2', async () => {
  for (const args of [
    ['--vocab', 'many'],
    ['--dtype', 'f8'],
    ['--embd', '30', '--heads', '4'],
    ['--bogus'],
    [],
  ]) {
    const path = join(folder, 'bad.gguf');
    const failure = await runFile(process.execPath, [
      cliPath,
      ...(args.length ? ['--out', path] : []),
      ...args,
    ]).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    assert.ok(failure, `expected ${args.join(' ')} to fail`);
    assert.equal(failure.code, 2);
    assert.match(failure.stderr, /^model:make: [^\n]+\n$/);
    assert.equal(existsSync(path), false);
  }
});

test('ensureSyntheticModel writes a model once and then reuses it', async () => {
  const cache = join(folder, 'cache');
  const first = await ensureSyntheticModel(cache, { ...small, seed: 11 });
  const again = await ensureSyntheticModel(cache, { ...small, seed: 11 });
  const other = await ensureSyntheticModel(cache, { ...small, seed: 12 });
  assert.equal(first.written, true);
  assert.equal(again.path, first.path);
  assert.notEqual(other.path, first.path);
  assert.deepEqual(await readdir(cache), [first.path, other.path].map((path) => basename(path)).sort());
});

test('a write that fails part-way leaves no partial file and keeps the previous one', async () => {
  const cache = join(folder, 'failing');
  await mkdir(cache);
  const path = join(cache, 'model.gguf');
  await writeFile(path, 'previous contents');
  let chunks = 0;
  const failing = {
    name: 'broken.weight',
    dims: [1 << 20, 3],
    type: 'f16' as const,
    fill: (chunk: Float32Array) => {
      if (++chunks === 2) throw new Error('generator failed');
      chunk.fill(0.5);
    },
  };
  await assert.rejects(writeGguf(path, {}, [failing]), /generator failed/);
  assert.deepEqual(await readdir(cache), ['model.gguf']);
  assert.equal(await readFile(path, 'utf8'), 'previous contents');
});
