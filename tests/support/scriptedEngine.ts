import type { EngineEvent, GenerateRequest, GenerationStats } from '../../main/engine/types.js';
import type { ChatEngine } from '../../main/services/chatService.js';

/**
 * A stand-in for the decoding engine, for unit tests of the chat service only: it streams the given
 * pieces of text (optionally with a pause between them) and records the requests it received.
 */
export type ScriptedEngine = ChatEngine & { requests: GenerateRequest[]; modelsUsed: string[] };

export type Script = {
  pieces: string[];
  delayMs?: number;
  /** End with an error event after the pieces instead of `done`. */
  failWith?: string;
  /** Throw from the stream after the pieces (an engine crash). */
  crash?: boolean;
};

export function scriptedEngine(script: Script | ((request: GenerateRequest) => Script)): ScriptedEngine {
  const requests: GenerateRequest[] = [];
  const modelsUsed: string[] = [];
  const aborted = new Set<string>();
  let nextGeneration = 1;
  return {
    requests,
    modelsUsed,
    async prepareModel(path) {
      modelsUsed.push(path);
      return { fileName: path.split('/').at(-1)!, sha256: 'ab'.repeat(32) };
    },
    abort(generationId) {
      aborted.add(generationId);
    },
    generate(request) {
      requests.push(request);
      const plan = typeof script === 'function' ? script(request) : script;
      const generationId = `g${nextGeneration++}`;
      return (async function* (): AsyncGenerator<EngineEvent> {
        yield { type: 'started', generationId, logitsSource: 'api', promptTokens: 10 };
        let text = '';
        let seq = 0;
        for (const piece of plan.pieces) {
          if (plan.delayMs) await new Promise((r) => setTimeout(r, plan.delayMs));
          if (aborted.has(generationId)) {
            yield { type: 'aborted', generationId, stats: stats(text, seq, 'aborted') };
            return;
          }
          text += piece;
          yield { type: 'delta', generationId, seq: seq++, text: piece };
        }
        if (plan.crash) throw new Error('engine worker died');
        if (plan.failWith) {
          yield { type: 'error', generationId, code: 'engine-failed', message: plan.failWith };
          return;
        }
        yield { type: 'done', generationId, stats: stats(text, seq, 'eog') };
      })();
    },
  };
}

function stats(text: string, generated: number, stopReason: GenerationStats['stopReason']): GenerationStats {
  return {
    text,
    tokens: Array.from({ length: generated }, (_, i) => i),
    generated,
    steered: Math.floor(generated / 2),
    steering: [],
    logitsSource: 'api',
    promptTokens: 10,
    cachedPromptTokens: 0,
    contextSize: 1024,
    droppedTurns: 0,
    shortenedLastTurn: false,
    speculation: null,
    reverseSkipped: 0,
    stopReason,
    timings: { prefillMs: 5, decodeMs: 10 * generated, firstTokenMs: 7, tokensPerSecond: 100 },
  };
}
