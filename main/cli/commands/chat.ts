import { parseArgs } from 'node:util';
import { asConversationId } from '../../../shared/domain.js';
import { UserError } from '../../../shared/errors.js';
import {
  ALPHA_MAX,
  ALPHA_MIN,
  BETA_MAX,
  DEFAULT_MAX_TOKENS,
  MAX_TOKENS_MAX,
} from '../../../shared/generationLimits.js';
import { EngineHost } from '../../engine/engineHost.js';
import { defaultThreadCount } from '../../engine/threads.js';
import { createChatService } from '../../services/chatService.js';
import { getPreset } from '../../services/presetsService.js';
import { numberFlag } from '../args.js';
import { createCliChatEngine } from '../chatEngine.js';
import { samplingFlagOptions, samplingFromFlags } from '../roseFlags.js';
import { dataDirOption, printJson, withStore } from '../store.js';

export const summary = 'Chat in a stored conversation: streams the reply and saves both messages.';

const usage =
  'usage: rose chat [--conversation ID] [--model FILE] [--preset ID] [--alpha A] [--beta B] [--off] [--temperature T] [--top-k K] [--top-p P] [--seed S] TEXT';

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      ...dataDirOption,
      conversation: { type: 'string', short: 'c' },
      model: { type: 'string', short: 'm' },
      preset: { type: 'string', short: 'p' },
      alpha: { type: 'string' },
      beta: { type: 'string' },
      off: { type: 'boolean' },
      'max-tokens': { type: 'string' },
      ...samplingFlagOptions,
      threads: { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  const text = positionals.join(' ');
  if (!text.trim()) throw new UserError('missing-text', usage);
  const conversationId =
    values.conversation === undefined
      ? undefined
      : asConversationId(numberFlag('conversation', values.conversation, 0, { min: 1, integer: true }));
  const threads = numberFlag('threads', values.threads, defaultThreadCount(), { min: 1, integer: true });

  return withStore(values['data-dir'], async (db, dataDir) => {
    const host = new EngineHost();
    const chat = createChatService({ db, engine: createCliChatEngine(host, dataDir, threads) });
    // Ctrl+C stops the reply like the Stop button: the partial text is kept, marked stopped.
    const stop = new AbortController();
    const onInterrupt = () => stop.abort();
    process.once('SIGINT', onInterrupt);
    try {
      const reply = await chat.sendMessage(
        {
          conversationId,
          text,
          modelPath: values.model,
          presetVersionId: values.preset === undefined ? undefined : getPreset(db, values.preset).latest.id,
          alpha:
            values.alpha === undefined
              ? undefined
              : numberFlag('alpha', values.alpha, 0, { min: ALPHA_MIN, max: ALPHA_MAX }),
          beta:
            values.beta === undefined
              ? undefined
              : numberFlag('beta', values.beta, 0, { min: 0, max: BETA_MAX }),
          roseEnabled: values.off ? false : undefined,
          maxTokens: numberFlag('max-tokens', values['max-tokens'], DEFAULT_MAX_TOKENS, {
            min: 1,
            max: MAX_TOKENS_MAX,
            integer: true,
          }),
          sampling: samplingFromFlags(values),
          signal: stop.signal,
        },
        (event) => {
          if (event.type === 'delta' && !values.json) process.stdout.write(event.text);
        },
      );
      if (values.json) printJson(reply);
      else {
        process.stdout.write('\n');
        process.stderr.write(
          `[conversation ${reply.conversationId} · message ${reply.id} · ${reply.status}]\n`,
        );
      }
      if (reply.status === 'error')
        throw new UserError('generation-failed', reply.errorMessage ?? 'generation failed');
      return 0;
    } finally {
      process.off('SIGINT', onInterrupt);
      await host.dispose();
    }
  });
}
