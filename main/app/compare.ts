import { followGeneration } from './followGeneration.js';
import { randomUUID } from 'node:crypto';
import type { CompareAnswer, ParsedRequestOf } from '../../shared/contract/index.js';
import {
  DEFAULT_PRESET_KEY,
  DEFAULT_SAMPLING,
  DEFAULT_SHORT_MAX_TOKENS,
} from '../../shared/generationLimits.js';
import type { Db } from '../db/database.js';
import type { GenerateRequest } from '../engine/types.js';
import type { PolicyEnforcer } from '../services/policy/policyEnforcer.js';
import * as presets from '../services/presetsService.js';
import type { AppEngine } from './appEngine.js';
import type { EventHub } from './eventHub.js';

/**
 * Answer one prompt twice with different ROSE settings, one after the other, for side-by-side
 * tuning. Nothing is stored; the text streams as `compare.delta` events. `signal` stops it: the
 * running side ends at its next step (keeping its text) and a side not started yet is skipped,
 * both answered with the stop reason `aborted`.
 */
export async function runCompare(
  deps: {
    db: Db;
    engine: AppEngine;
    hub: EventHub;
    modelPath: string;
    policy?: PolicyEnforcer;
    signal?: AbortSignal;
  },
  input: Omit<ParsedRequestOf<'app:compare.run'>, 'modelId'>,
): Promise<{ compareId: string; answers: [CompareAnswer, CompareAnswer] }> {
  const compareId = input.compareId ?? randomUUID();
  const version =
    input.presetVersionId === undefined
      ? presets.getPreset(deps.db, DEFAULT_PRESET_KEY).latest
      : presets.getVersion(deps.db, input.presetVersionId);
  const sampling = { ...DEFAULT_SAMPLING, ...input.sampling };
  const maxTokens = input.maxTokens ?? DEFAULT_SHORT_MAX_TOKENS;
  // Both sides are checked before either runs: a comparison is refused whole, never half-run.
  const preset = presets.getPreset(deps.db, version.presetId);
  for (const side of input.sides)
    await deps.policy?.checkGeneration({
      modelPath: deps.modelPath,
      preset: { presetId: version.presetId, version: version.number, builtinKey: preset.builtinKey },
      alpha: side.alpha ?? version.alpha,
      roseEnabled: side.roseEnabled ?? true,
      maxTokens,
      temperature: sampling.temperature,
    });
  const prompts = deps.policy?.prompts(version.safePrompt, version.reversePrompt) ?? version;
  const answers: CompareAnswer[] = [];
  await deps.engine.withRun(deps.signal ?? new AbortController().signal, async () => {
    await deps.engine.prepareModel(deps.modelPath);
    for (const side of [0, 1] as const) {
      const settings = input.sides[side];
      const alpha = settings.alpha ?? version.alpha;
      const beta = settings.beta ?? version.beta;
      const roseEnabled = settings.roseEnabled ?? true;
      const request: GenerateRequest = {
        turns: [{ role: 'user', text: input.prompt }],
        rose: {
          safePrompt: prompts.safePrompt,
          reversePrompt: prompts.reversePrompt,
          alpha,
          beta,
          enabled: roseEnabled,
        },
        sampling,
        maxTokens,
      };
      const stats = await followGeneration(deps.engine.generate(request), (delta) =>
        deps.hub.emit({
          type: 'compare.delta',
          compareId,
          side,
          fromSeq: delta.seq,
          seq: delta.seq,
          text: delta.text,
        }),
      );
      answers.push({
        label: settings.label ?? (roseEnabled ? `ROSE α ${alpha}` : 'ROSE off'),
        alpha,
        beta,
        roseEnabled,
        text: stats.text,
        generated: stats.generated,
        steered: stats.steered,
        steering: stats.steering,
        stopReason: stats.stopReason,
        logitsSource: stats.logitsSource,
        timings: { ...stats.timings },
      });
    }
  });
  return { compareId, answers: [answers[0]!, answers[1]!] };
}
