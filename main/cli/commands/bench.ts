import { readFileSync } from 'node:fs';
import { cpus, homedir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { UserError } from '../../../shared/errors.js';
import { benchmarkDecoding, benchmarkTurns } from '../../engine/benchmark.js';
import { loadEngine, sharedLlama } from '../../engine/loadEngine.js';
import { chooseLogitsSource } from '../../engine/ffi/gate.js';
import { quantizeModel } from '../../engine/ffi/quantize.js';
import { defaultThreadCount } from '../../engine/threads.js';
import { ensureSyntheticModel } from '../../models/synthetic/modelCache.js';
import { benchmarkModelOptions, STEERED_SHARE_GAINS } from '../../models/synthetic/syntheticModel.js';
import { numberFlag } from '../args.js';
import { defaultPresetPrompts, defaultPresetRef } from '../roseFlags.js';
import { dataDirOption } from '../store.js';
import { resolveDataDir } from '../../services/dataDir.js';
import { loadPolicyEnforcer } from '../../services/policy/loadPolicy.js';
import { ALPHA_MAX, ALPHA_MIN, BETA_MAX } from '../../../shared/generationLimits.js';
import { runDbBench } from '../../services/dbBench.js';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';

export const summary = 'Measure ROSE decoding speed against plain greedy decoding (prints JSON).';

export const usage =
  'usage: rose bench --model FILE | --vocab N [--steer low|mid|high] [--quant Q4_K_M|Q8_0] [--turns N] [--rounds N] [--tokens N] [--threads N] [--json] [--db]';

/** Every flag `rose bench` takes; also listed by `rose bench --help`. */
export const options = {
  model: { type: 'string' },
  vocab: { type: 'string' },
  steer: { type: 'string' },
  turns: { type: 'string' },
  quant: { type: 'string' },
  rounds: { type: 'string' },
  tokens: { type: 'string' },
  threads: { type: 'string' },
  alpha: { type: 'string' },
  beta: { type: 'string' },
  json: { type: 'boolean' },
  db: { type: 'boolean' },
  conversations: { type: 'string' },
  messages: { type: 'string' },
  ...dataDirOption,
} as const;

export async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options,
  });
  if (values.db) return benchDatabase(values);
  const threads = numberFlag('threads', values.threads, defaultThreadCount(), { min: 1, integer: true });
  const tokens = numberFlag('tokens', values.tokens, 64, { min: 4, max: 2048, integer: true });
  if ((values.model === undefined) === (values.vocab === undefined)) {
    throw new UserError(
      'bad-flag',
      'Give either --model FILE or --vocab N (to benchmark a generated model).',
    );
  }
  const sourcePath =
    values.model ??
    (await benchmarkModel(
      numberFlag('vocab', values.vocab, 0, { min: 512, max: 1_000_000, integer: true }),
      steerFlag(values.steer),
    ));
  const modelPath =
    values.quant === undefined ? sourcePath : await quantizedCopy(sourcePath, values.quant, threads);
  const preset = await defaultPresetPrompts();
  const rose = {
    ...preset,
    alpha: numberFlag('alpha', values.alpha, preset.alpha, { min: ALPHA_MIN, max: ALPHA_MAX }),
    beta: numberFlag('beta', values.beta, preset.beta, { min: 0, max: BETA_MAX }),
    enabled: true,
  };
  // A model the user names is checked like any generation (allowlist by sha256, α range). The
  // plain-decoding side only yields timings, never text, so it is not a way around "ROSE required".
  if (values.model !== undefined) {
    const policy = await loadPolicyEnforcer(resolveDataDir(values['data-dir']));
    await policy.checkGeneration({
      modelPath: resolve(values.model),
      preset: await defaultPresetRef(),
      alpha: rose.alpha,
      roseEnabled: true,
      maxTokens: tokens,
      temperature: 0,
    });
  }

  if (values.turns !== undefined) {
    const turns = numberFlag('turns', values.turns, 10, { min: 2, max: 50, integer: true });
    return benchTurns(modelPath, rose, { turns, tokens, threads, json: values.json === true });
  }
  const engine = await loadEngine({ path: modelPath, threads, contextSize: Math.max(512, tokens + 256) });
  try {
    const rounds = numberFlag('rounds', values.rounds, 3, { min: 1, max: 50, integer: true });
    const result = await benchmarkDecoding(engine, rose, { tokens, threads, rounds });
    const report = {
      model: basename(modelPath),
      vocab: engine.info.vocabSize,
      threads,
      tokens: result.tokens,
      rounds: result.rounds,
      alpha: rose.alpha,
      beta: rose.beta,
      plainTokensPerSecond: round(result.plainTokensPerSecond),
      roseTokensPerSecond: round(result.roseTokensPerSecond),
      ratio: round(result.ratio, 3),
      limitRatio: round(result.limitRatio, 3),
      logitsSource: engine.info.logitsSource,
      logitsSourceReason: engine.info.logitsSourceReason,
      prefillMs: round(result.prefillMs),
      reverseSkipped: result.reverseSkipped,
      steeredShare: round(result.steeredShare, 3),
      chosenSchedule: result.chosenSchedule,
      scheduleMeasuredAtLoad: engine.info.decodeSchedule?.timings ?? [],
      schedules: result.schedules.map((s) => ({
        schedule: s.schedule,
        roseTokensPerSecond: round(s.roseTokensPerSecond),
        ratio: round(s.ratio, 3),
      })),
      loadMs: round(engine.info.loadMs),
      gpu: engine.llama.gpu || 'cpu',
      cpu: cpuDescription(),
    };
    if (values.json) process.stdout.write(`${JSON.stringify(report)}\n`);
    else
      for (const [key, value] of Object.entries(report))
        process.stdout.write(
          `${key.padEnd(22)} ${typeof value === 'object' ? JSON.stringify(value) : value}\n`,
        );
    return 0;
  } finally {
    await engine.dispose();
  }
}

/**
 * A quantized copy of a model made with llama.cpp's own quantizer (through the FFI), cached beside
 * the benchmark models, so `--vocab N --quant Q4_K_M` measures what users run.
 */
async function quantizedCopy(input: string, quant: string, threads: number): Promise<string> {
  const type = quant.toUpperCase();
  if (type !== 'Q4_K_M' && type !== 'Q8_0')
    throw new UserError('bad-flag', `--quant must be Q4_K_M or Q8_0, got '${quant}'.`);
  const output = input.replace(/\.gguf$/, `.${type.toLowerCase()}.gguf`);
  if (await stat(output).catch(() => null)) return output;
  const llama = await sharedLlama(threads);
  const choice = await chooseLogitsSource({ gpu: llama.gpu });
  if (choice.kind !== 'ffi')
    throw new UserError('ffi-unavailable', `Quantizing needs the FFI fast path: ${choice.reason}`);
  process.stderr.write(`Quantizing ${basename(input)} to ${type}…\n`);
  await quantizeModel(choice.runtime, input, output, { type, threads });
  return output;
}

/**
 * `--turns N`: one conversation of N turns; each turn's time to first token. With the KV cache
 * kept between turns only the new tokens are evaluated, so turn N starts about as fast as turn 1.
 */
async function benchTurns(
  modelPath: string,
  rose: Parameters<typeof benchmarkTurns>[1],
  options: { turns: number; tokens: number; threads: number; json: boolean },
): Promise<number> {
  const contextSize = Math.min(4096, options.turns * (options.tokens + 64) + 512);
  const engine = await loadEngine({ path: modelPath, threads: options.threads, contextSize });
  try {
    const perTurn = await benchmarkTurns(engine, rose, options);
    const first = perTurn[0]?.firstTokenMs ?? 0;
    const last = perTurn[perTurn.length - 1]?.firstTokenMs ?? 0;
    const report = {
      model: basename(modelPath),
      turns: options.turns,
      tokensPerTurn: options.tokens,
      contextSize: engine.info.contextSize,
      logitsSource: engine.info.logitsSource,
      firstTokenMs: perTurn.map((t) => round(t.firstTokenMs)),
      promptTokens: perTurn.map((t) => t.promptTokens),
      newPromptTokens: perTurn.map((t) => t.promptTokens - t.cachedPromptTokens),
      lastOverFirst: round(first > 0 ? last / first : 0, 3),
      cpu: cpuDescription(),
    };
    if (options.json) process.stdout.write(`${JSON.stringify(report)}\n`);
    else
      for (const [key, value] of Object.entries(report))
        process.stdout.write(`${key.padEnd(18)} ${JSON.stringify(value)}\n`);
    return 0;
  } finally {
    await engine.dispose();
  }
}

/** `--steer low|mid|high`: a benchmark model on which ROSE changes about 5 %, 20 % or 65 % of tokens. */
function steerFlag(value: string | undefined): number {
  if (value === undefined) return 1;
  if (!Object.hasOwn(STEERED_SHARE_GAINS, value))
    throw new UserError('bad-flag', `--steer must be low, mid or high, not '${value}'.`);
  return STEERED_SHARE_GAINS[value as keyof typeof STEERED_SHARE_GAINS];
}

/** Writes the benchmark model for a vocabulary once and reuses it (they are hundreds of MB). */
async function benchmarkModel(vocab: number, contextGain: number): Promise<string> {
  const dir =
    process.env.ROSE_CACHE_DIR ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'rose');
  const { path, written } = await ensureSyntheticModel(
    join(dir, 'bench-models'),
    benchmarkModelOptions(vocab, contextGain),
  );
  if (written) process.stderr.write(`Wrote a ${vocab}-token benchmark model to ${path}\n`);
  return path;
}

/** The CPU model and the vector extensions that decide which decode schedule is cheaper. */
function cpuDescription(): { model: string; flags: string[] } {
  const model = cpus()[0]?.model.trim() ?? 'unknown';
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8').match(/^flags\s*:(.*)$/m)?.[1] ?? '';
    const present = new Set(line.trim().split(/\s+/));
    return {
      model,
      flags: ['sse4_2', 'avx', 'f16c', 'fma', 'avx2', 'avx512f', 'avx512_vnni', 'amx_tile'].filter((f) =>
        present.has(f),
      ),
    };
  } catch {
    return { model, flags: [] };
  }
}

const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

/** `rose bench --db`: a heavy user's database, timed on the queries the UI runs all day. */
async function benchDatabase(values: {
  conversations?: string;
  messages?: string;
  json?: boolean;
}): Promise<number> {
  const dir = await mkdtemp(join(tmpdir(), 'rose-db-bench-'));
  try {
    const result = runDbBench({
      dir,
      conversations: numberFlag('conversations', values.conversations, 10_000, { min: 1, integer: true }),
      messages: numberFlag('messages', values.messages, 200_000, { min: 1, integer: true }),
    });
    if (values.json) process.stdout.write(`${JSON.stringify(result)}\n`);
    else
      for (const [key, value] of Object.entries(result))
        process.stdout.write(`${key.padEnd(26)} ${JSON.stringify(value)}\n`);
    return 0;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
