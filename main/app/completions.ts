import { basename } from 'node:path';
import type { CompletionMessage, CompletionResult, ParsedRequestOf } from '../../shared/contract/index.js';
import { UserError } from '../../shared/errors.js';
import {
  DEFAULT_PRESET_KEY,
  DEFAULT_SAMPLING,
  DEFAULT_SHORT_MAX_TOKENS,
} from '../../shared/generationLimits.js';
import * as presetsRepo from '../db/presetsRepo.js';
import type { Db } from '../db/database.js';
import type { ChatTurn, GenerateRequest } from '../engine/types.js';
import type { ModelLibrary } from '../services/models.js';
import type { GenerationPolicy } from '../services/chatService.js';
import * as presets from '../services/presetsService.js';
import type { AuditSink } from '../services/audit/auditTypes.js';
import type { AppEngine } from './appEngine.js';
import { followGeneration } from './followGeneration.js';
import type { EventHub } from './eventHub.js';

export type CompletionDeps = {
  db: Db;
  engine: AppEngine;
  hub: EventHub;
  library: ModelLibrary;
  policy: GenerationPolicy;
  /** Each answer is counted (metadata only: model, tokens, steered share, the client's key id). */
  audit: AuditSink;
  defaultModelPath(): string | null;
};

/**
 * One-off completions (the `/v1` API): nothing is stored as a chat. The caller's system messages
 * come after the preset's safe and reverse system prompts, the same way in both runs, so a client
 * can add instructions but never replace the safe prompt; the policy check is the chat's own.
 */
export function createCompletions(deps: CompletionDeps) {
  const running = new Map<string, AbortController>();

  async function create(input: ParsedRequestOf<'app:completions.create'>): Promise<CompletionResult> {
    if (running.has(input.completionId))
      throw new UserError('completion-id-in-use', `a completion with id '${input.completionId}' is running`);
    const modelPath = input.modelId ? (await deps.library.get(input.modelId)).path : deps.defaultModelPath();
    if (!modelPath)
      throw new UserError('no-model', 'No model is loaded. Load one first or name one in the request.');
    const preset = presets.getPreset(deps.db, String(input.preset ?? DEFAULT_PRESET_KEY));
    const version = preset.latest;
    const alpha = input.alpha ?? version.alpha;
    const beta = input.beta ?? version.beta;
    const roseEnabled = input.roseEnabled ?? true;
    const sampling = { ...DEFAULT_SAMPLING, ...input.sampling };
    const maxTokens = input.maxTokens ?? DEFAULT_SHORT_MAX_TOKENS;
    const stored = presetsRepo.getPreset(deps.db, version.presetId);
    await deps.policy.checkGeneration({
      modelPath,
      preset: { presetId: version.presetId, version: version.number, builtinKey: stored?.builtinKey ?? null },
      alpha,
      roseEnabled,
      maxTokens,
      temperature: sampling.temperature,
    });

    const { system, turns } = splitMessages(input.messages);
    const prompts = deps.policy.prompts(version.safePrompt, version.reversePrompt);
    const request: GenerateRequest = {
      turns,
      rose: {
        safePrompt: joinSystem(prompts.safePrompt, system),
        reversePrompt: joinSystem(prompts.reversePrompt, system),
        alpha,
        beta,
        enabled: roseEnabled,
      },
      sampling,
      maxTokens,
      stopTexts: input.stop,
    };

    const abort = new AbortController();
    running.set(input.completionId, abort);
    try {
      return await deps.engine.withRun(abort.signal, async () => {
        await deps.engine.prepareModel(modelPath);
        const stats = await followGeneration(deps.engine.generate(request), (delta) =>
          deps.hub.emit({
            type: 'completion.delta',
            completionId: input.completionId,
            fromSeq: delta.seq,
            seq: delta.seq,
            text: delta.text,
          }),
        );
        deps.audit.record({
          type: 'generation',
          actor: 'user',
          transport: 'api',
          detail: {
            model: basename(modelPath),
            client: input.client ?? null,
            promptTokens: stats.promptTokens,
            completionTokens: stats.generated,
            steered: stats.steered,
            roseEnabled,
            alpha,
          },
        });
        return {
          completionId: input.completionId,
          text: stats.text,
          finishReason:
            stats.stopReason === 'max-tokens' || stats.stopReason === 'context-full' ? 'length' : 'stop',
          model: modelPath,
          usage: { promptTokens: stats.promptTokens, completionTokens: stats.generated },
          rose: {
            enabled: roseEnabled,
            alpha,
            beta,
            preset: preset.builtinKey ?? String(preset.id),
            steered: stats.steered,
            generated: stats.generated,
            logitsSource: stats.logitsSource,
          },
        } satisfies CompletionResult;
      });
    } finally {
      running.delete(input.completionId);
    }
  }

  function cancel(completionId: string): { cancelled: boolean } {
    const abort = running.get(completionId);
    abort?.abort();
    return { cancelled: abort !== undefined };
  }

  return { create, cancel };
}

/** System messages (joined) apart from the conversation turns; the last turn must be the user's. */
function splitMessages(messages: readonly CompletionMessage[]): { system: string; turns: ChatTurn[] } {
  const system = messages
    .filter((m) => m.role === 'system')
    .map((m) => m.content)
    .join('\n\n');
  const turns: ChatTurn[] = messages
    .filter((m) => m.role !== 'system')
    .map((m) => ({ role: m.role === 'user' ? 'user' : 'assistant', text: m.content }));
  if (turns.length === 0)
    throw new UserError('bad-messages', 'messages need at least one user message besides system messages');
  return { system, turns };
}

function joinSystem(presetPrompt: string, client: string): string {
  return client.trim() === '' ? presetPrompt : `${presetPrompt}\n\n${client}`;
}
