import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { RoseEvent } from '../../../shared/contract/index.js';
import type { Message } from '../../../shared/domain.js';
import { UserError } from '../../../shared/errors.js';
import { CONTEXT_SIZE_MAX, CONTEXT_SIZE_MIN } from '../../../shared/generationLimits.js';
import { numberFlag } from '../args.js';
import { withCliRose } from '../contractClient.js';
import { samplingFlagOptions, samplingFromFlags } from '../roseFlags.js';
import { dataDirOption, printJson } from '../store.js';

export const summary = 'Chat in a stored conversation: streams the reply and saves both messages.';

export const usage =
  'usage: rose chat [--data-dir D] [--conversation ID] [--model FILE] [--preset ID] [--alpha A] [--beta B] [--off] [--max-tokens N] [--context N] [--temperature T] [--top-k K] [--top-p P] [--seed S] TEXT';

/** Every flag `rose chat` takes; also listed by `rose chat --help`. */
export const options = {
  ...dataDirOption,
  conversation: { type: 'string', short: 'c' },
  model: { type: 'string', short: 'm' },
  preset: { type: 'string', short: 'p' },
  alpha: { type: 'string' },
  beta: { type: 'string' },
  off: { type: 'boolean' },
  'max-tokens': { type: 'string' },
  context: { type: 'string' },
  ...samplingFlagOptions,
  threads: { type: 'string' },
  json: { type: 'boolean' },
} as const;

/**
 * Goes through the contract's `app:chats.send` like the window does, so the same validation, the
 * same limits and the same policy check apply; the reply streams from the app's events.
 */
export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options,
  });
  const text = positionals.join(' ');
  if (!text.trim()) throw new UserError('missing-text', usage);
  const number = (name: string, value: string | undefined) =>
    value === undefined ? undefined : numberFlag(name, value, 0);
  const threads =
    values.threads === undefined
      ? undefined
      : numberFlag('threads', values.threads, 1, { min: 1, integer: true });

  const contextSize =
    values.context === undefined
      ? undefined
      : numberFlag('context', values.context, CONTEXT_SIZE_MIN, {
          min: CONTEXT_SIZE_MIN,
          max: CONTEXT_SIZE_MAX,
          integer: true,
        });

  return withCliRose(
    {
      dataDir: values['data-dir'],
      threads,
      contextSize,
      modelPath: values.model,
      shell: undefined,
      log: cliLog,
    },
    async ({ rose, call }) => {
      const events: RoseEvent[] = [];
      let messageId: number | null = null;
      let finished: (message: Message) => void = () => {};
      const done = new Promise<Message>((resolveDone) => {
        finished = resolveDone;
      });
      const onEvent = (event: RoseEvent) => {
        if (messageId === null) {
          events.push(event);
          return;
        }
        if (event.type === 'chat.delta' && event.messageId === messageId && !values.json)
          process.stdout.write(event.text);
        if (event.type === 'chat.finished' && event.messageId === messageId) finished(event.message);
      };
      const unsubscribe = rose.events.subscribe(onEvent);
      // Ctrl+C stops the reply like the Stop button: the partial text is kept, marked stopped.
      const onInterrupt = () => {
        if (messageId !== null) void call('app:chats.stop', { messageId });
      };
      process.once('SIGINT', onInterrupt);
      try {
        const modelId = values.model
          ? (await call('app:models.list', {})).find((m) => resolve(m.path) === resolve(values.model!))?.id
          : undefined;
        const accepted = await call('app:chats.send', {
          conversationId: number('conversation', values.conversation),
          text,
          modelId,
          presetVersionId: values.preset === undefined ? undefined : await presetVersion(call, values.preset),
          alpha: number('alpha', values.alpha),
          beta: number('beta', values.beta),
          roseEnabled: values.off ? false : undefined,
          maxTokens: number('max-tokens', values['max-tokens']),
          sampling: samplingFromFlags(values),
        });
        messageId = accepted.assistantMessage.id;
        for (const event of events.splice(0)) onEvent(event);
        const reply = await done;
        if (values.json) printJson(reply);
        else {
          process.stdout.write('\n');
          process.stderr.write(
            `[conversation ${reply.conversationId} · message ${reply.id} · ${reply.status}]\n`,
          );
          const notice = contextNotice(reply);
          if (notice) process.stderr.write(`rose: ${notice}\n`);
        }
        if (reply.status === 'error')
          throw new UserError('generation-failed', reply.errorMessage ?? 'generation failed');
        return 0;
      } finally {
        process.off('SIGINT', onInterrupt);
        unsubscribe();
      }
    },
  );
}

/** `--preset` is a preset number or a built-in's key; the conversation gets its latest version. */
async function presetVersion(
  call: Parameters<Parameters<typeof withCliRose>[1]>[0]['call'],
  idOrKey: string,
): Promise<number> {
  const presets = await call('app:presets.list', {});
  const preset = presets.find((p) => String(p.id) === idOrKey || p.builtinKey === idOrKey);
  if (!preset) throw new UserError('preset-not-found', `no preset '${idOrKey}'. Run 'rose presets list'.`);
  return preset.latest.id;
}

/** What the person should know about the context: turns left out, a cut message, a cut reply. */
function contextNotice(reply: Message): string | null {
  const context = reply.provenance?.context;
  const notes: string[] = [];
  if (context && context.droppedTurns > 0)
    notes.push(
      `the conversation no longer fits the ${context.size}-token context: the oldest ${context.droppedTurns} message(s) were left out of this reply`,
    );
  if (context?.shortenedLastTurn) notes.push('your message was too long: only its end was used');
  if (reply.provenance?.stopReason === 'max-tokens')
    notes.push('the reply stopped at the length limit (--max-tokens)');
  return notes.length > 0 ? notes.join('; ') : null;
}

function cliLog(message: string): void {
  process.stderr.write(`rose: ${message}\n`);
}
