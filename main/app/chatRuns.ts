import type { ReplyAccepted } from '../../shared/contract/index.js';
import type { ConversationId, Message, MessageId } from '../../shared/domain.js';
import type { Db } from '../db/database.js';
import * as messagesRepo from '../db/messagesRepo.js';
import type { ChatEvent, GenerationOptions } from '../services/chatService.js';
import type { AppEngine } from './appEngine.js';
import type { EventHub } from './eventHub.js';

type Running = { controller: AbortController; done: Promise<unknown> };

/** A chat service call that stores messages then writes a reply (send, regenerate, edit). */
export type ReplyCall = (options: GenerationOptions, onEvent: (event: ChatEvent) => void) => Promise<Message>;

/**
 * Replies being written. A call answers as soon as its messages are stored; the reply then streams
 * as events, and can be stopped by its message id until it finishes.
 */
export class ChatRuns {
  private readonly running = new Map<MessageId, Running>();

  constructor(
    private readonly db: Db,
    private readonly engine: AppEngine,
    private readonly hub: EventHub,
    private readonly log: (message: string) => void,
  ) {}

  /** Start `call`; resolves with the stored messages, or rejects when nothing could be stored. */
  start(options: GenerationOptions, call: ReplyCall): Promise<ReplyAccepted> {
    const controller = new AbortController();
    return new Promise((accept, reject) => {
      let stored: ReplyAccepted | null = null;
      let generationId: string | null = null;
      let lastSeq = -1;
      const onEvent = (event: ChatEvent) => {
        if (event.type === 'stored') {
          stored = {
            conversation: event.conversation,
            userMessage: event.userMessage,
            assistantMessage: event.assistantMessage,
          };
          this.running.set(event.assistantMessage.id, { controller, done });
          this.hub.emit({ type: 'chat.stored', ...stored });
          accept(stored);
          return;
        }
        if (!stored) return;
        const ref = { conversationId: stored.conversation.id, messageId: stored.assistantMessage.id };
        if (event.type === 'started') {
          generationId = event.generationId;
          this.hub.emit({
            type: 'chat.started',
            ...ref,
            generationId,
            logitsSource: event.logitsSource,
            promptTokens: event.promptTokens,
          });
        } else if (event.type === 'delta') {
          lastSeq = event.seq;
          this.hub.emit({
            type: 'chat.delta',
            ...ref,
            generationId: event.generationId,
            fromSeq: event.seq,
            seq: event.seq,
            text: event.text,
          });
        }
      };
      const done = this.engine
        .withRun(controller.signal, () => call({ ...options, signal: controller.signal }, onEvent))
        .then(
          (message) => this.finished(stored, generationId, lastSeq, message),
          (error: Error) => {
            if (!stored) return reject(error);
            this.log(
              `reply ${stored.assistantMessage.id} failed after it was stored: ${error.stack ?? error.message}`,
            );
            const message = messagesRepo.getMessage(this.db, stored.assistantMessage.id);
            if (message) this.finished(stored, generationId, lastSeq, message);
          },
        )
        .finally(() => {
          if (stored) this.running.delete(stored.assistantMessage.id);
        });
    });
  }

  /** Ask the reply being written to `messageId` to stop; false when none is. */
  stop(messageId: MessageId): boolean {
    const run = this.running.get(messageId);
    if (!run) return false;
    run.controller.abort();
    return true;
  }

  /** Whether a reply is being written in this conversation (it cannot be deleted meanwhile). */
  isWriting(conversationId: ConversationId): boolean {
    for (const id of this.running.keys()) {
      if (messagesRepo.getMessage(this.db, id)?.conversationId === conversationId) return true;
    }
    return false;
  }

  /** Stop every reply and wait until each has been saved. */
  async stopAll(): Promise<void> {
    const runs = [...this.running.values()];
    for (const run of runs) run.controller.abort();
    await Promise.allSettled(runs.map((run) => run.done));
  }

  private finished(
    stored: ReplyAccepted | null,
    generationId: string | null,
    lastSeq: number,
    message: Message,
  ): void {
    if (!stored) return;
    // Forget the run before announcing the end, so a stop that follows the event finds nothing.
    this.running.delete(stored.assistantMessage.id);
    this.hub.emit({
      type: 'chat.finished',
      conversationId: stored.conversation.id,
      messageId: stored.assistantMessage.id,
      generationId,
      lastSeq,
      message,
    });
  }
}
