import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { UserError } from '../../../shared/errors.js';
import { DEFAULT_SHORT_MAX_TOKENS, MAX_TOKENS_MAX } from '../../../shared/generationLimits.js';
import { EngineHost } from '../../engine/engineHost.js';
import { defaultThreadCount } from '../../engine/threads.js';
import type { GenerationStats } from '../../engine/types.js';
import { numberFlag, requireFlag } from '../args.js';
import { resolveDataDir } from '../../services/dataDir.js';
import { loadPolicyEnforcer } from '../../services/policy/loadPolicy.js';
import {
  defaultPresetRef,
  generationFlagOptions,
  roseSettingsFromFlags,
  samplingFromFlags,
} from '../roseFlags.js';
import { dataDirOption } from '../store.js';

export const summary = 'Answer one prompt with ROSE decoding, streaming to stdout (--json for a report).';

export const usage =
  'usage: rose generate --model FILE [--preset FILE | --safe TEXT --reverse TEXT] [--alpha A] [--beta B] [--off] [--max-tokens N] [--json] PROMPT';

/** Every flag `rose generate` takes; also listed by `rose generate --help`. */
export const options = { ...generationFlagOptions, ...dataDirOption, json: { type: 'boolean' } } as const;

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options,
  });
  const prompt = positionals.join(' ');
  if (prompt.trim() === '')
    throw new UserError('missing-prompt', 'Give a prompt, e.g. rose generate --model m.gguf "Hello".');
  const modelPath = requireFlag('model', values.model);
  const threads = numberFlag('threads', values.threads, defaultThreadCount(), { min: 1, integer: true });
  const rose = await roseSettingsFromFlags(values);
  const sampling = samplingFromFlags(values);
  const maxTokens = numberFlag('max-tokens', values['max-tokens'], DEFAULT_SHORT_MAX_TOKENS, {
    min: 1,
    max: MAX_TOKENS_MAX,
    integer: true,
  });
  const contextSize =
    values.context === undefined
      ? undefined
      : numberFlag('context', values.context, 0, { min: 64, integer: true });

  // No conversation is stored, so no contract channel fits; the request still passes the same
  // policy check as every other generation (managed policy and this data folder's family lock).
  const policy = await loadPolicyEnforcer(resolveDataDir(values['data-dir']));
  const usesDefaultPreset = values.preset === undefined && values.safe === undefined;
  await policy.checkGeneration({
    modelPath: resolve(modelPath),
    preset: usesDefaultPreset ? await defaultPresetRef() : null,
    alpha: rose.alpha,
    roseEnabled: rose.enabled,
    maxTokens,
    temperature: sampling.temperature,
  });
  Object.assign(rose, policy.prompts(rose.safePrompt, rose.reversePrompt));

  const host = new EngineHost();
  try {
    const info = await host.loadModel({ path: modelPath, threads, contextSize });
    const stream = host.generate({ turns: [{ role: 'user', text: prompt }], rose, sampling, maxTokens });
    // Ctrl+C stops the answer like the Stop button: the partial text is kept and reported.
    const onInterrupt = () => host.abort(stream.generationId);
    process.once('SIGINT', onInterrupt);
    let stats: GenerationStats | null = null;
    for await (const event of stream) {
      if (event.type === 'delta' && !values.json) process.stdout.write(event.text);
      else if (event.type === 'error') throw new UserError(event.code, event.message);
      else if (event.type === 'done' || event.type === 'aborted') stats = event.stats;
    }
    process.off('SIGINT', onInterrupt);
    if (!stats) throw new Error('the engine ended without a result');
    if (values.json) {
      const report = {
        text: stats.text,
        tokens: stats.tokens,
        generated: stats.generated,
        steered: stats.steered,
        logitsSource: stats.logitsSource,
        alpha: rose.alpha,
        beta: rose.beta,
        rose: rose.enabled,
        stopReason: stats.stopReason,
        timings: {
          loadMs: round(info.loadMs),
          prefillMs: round(stats.timings.prefillMs),
          decodeMs: round(stats.timings.decodeMs),
          tokensPerSecond: round(stats.timings.tokensPerSecond),
        },
      };
      process.stdout.write(`${JSON.stringify(report)}\n`);
    } else {
      process.stdout.write('\n');
      const chip = rose.enabled
        ? `ROSE α ${rose.alpha} · steered ${stats.steered} of ${stats.generated} tokens`
        : 'ROSE off';
      process.stderr.write(
        `[${chip} · ${round(stats.timings.tokensPerSecond)} tok/s · ${stats.logitsSource}]\n`,
      );
    }
    return 0;
  } finally {
    await host.dispose();
  }
}

const round = (value: number) => Math.round(value * 100) / 100;
