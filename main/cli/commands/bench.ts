import { mkdir, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { UserError } from '../../../shared/errors.js';
import { benchmarkDecoding } from '../../engine/benchmark.js';
import { loadEngine } from '../../engine/loadEngine.js';
import { defaultThreadCount } from '../../engine/threads.js';
import { benchmarkModelOptions, writeSyntheticModel } from '../../models/synthetic/syntheticModel.js';
import { numberFlag } from '../args.js';
import { FALLBACK_PROMPTS } from '../roseFlags.js';

export const summary = 'Measure ROSE decoding speed against plain greedy decoding (prints JSON).';

export async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      model: { type: 'string' },
      vocab: { type: 'string' },
      tokens: { type: 'string' },
      threads: { type: 'string' },
      alpha: { type: 'string' },
      beta: { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  const threads = numberFlag('threads', values.threads, defaultThreadCount(), { min: 1, integer: true });
  const tokens = numberFlag('tokens', values.tokens, 64, { min: 4, max: 2048, integer: true });
  if ((values.model === undefined) === (values.vocab === undefined)) {
    throw new UserError(
      'bad-flag',
      'Give either --model FILE or --vocab N (to benchmark a generated model).',
    );
  }
  const modelPath =
    values.model ??
    (await benchmarkModel(numberFlag('vocab', values.vocab, 0, { min: 512, max: 1_000_000, integer: true })));
  const rose = {
    ...FALLBACK_PROMPTS,
    alpha: numberFlag('alpha', values.alpha, 0.5, { min: 0, max: 10 }),
    beta: numberFlag('beta', values.beta, 0, { min: 0, max: 1 }),
    enabled: true,
  };

  const engine = await loadEngine({ path: modelPath, threads, contextSize: Math.max(512, tokens + 256) });
  try {
    const result = await benchmarkDecoding(engine, rose, tokens, threads);
    const report = {
      model: basename(modelPath),
      vocab: engine.info.vocabSize,
      threads,
      tokens: result.tokens,
      alpha: rose.alpha,
      beta: rose.beta,
      plainTokensPerSecond: round(result.plainTokensPerSecond),
      roseTokensPerSecond: round(result.roseTokensPerSecond),
      ratio: round(result.ratio, 3),
      logitsSource: engine.info.logitsSource,
      prefillMs: round(result.prefillMs),
      loadMs: round(engine.info.loadMs),
      gpu: engine.llama.gpu || 'cpu',
    };
    if (values.json) process.stdout.write(`${JSON.stringify(report)}\n`);
    else
      for (const [key, value] of Object.entries(report)) process.stdout.write(`${key.padEnd(22)} ${value}\n`);
    return 0;
  } finally {
    await engine.dispose();
  }
}

/** Writes the benchmark model for a vocabulary once and reuses it (they are hundreds of MB). */
async function benchmarkModel(vocab: number): Promise<string> {
  const dir =
    process.env.ROSE_CACHE_DIR ??
    join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'rose', 'bench-models');
  await mkdir(dir, { recursive: true });
  const path = join(dir, `bench-llama-v${vocab}-12x768-f16.gguf`);
  if (!(await stat(path).catch(() => null))) {
    process.stderr.write(`Writing a ${vocab}-token benchmark model to ${path}…\n`);
    await writeSyntheticModel(path, benchmarkModelOptions(vocab));
  }
  return path;
}

const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;
