import { describe, expect, test, vi } from 'vitest';
import type { Result, RoseApi, RoseEvent } from '../../shared/contract/index.js';
import type { ConversationView, Message } from '../../shared/domain.js';
import { createChatModel } from '../src/stores/chatStore.js';
import { createStreamsStore } from '../src/stores/streamsStore.js';

const conversation = { id: 3, title: 'Hi', pinned: false, presetVersionId: 1, activeLeafId: 8 } as never;
const message = (id: number, role: 'user' | 'assistant', status: Message['status'], text = '') =>
  ({
    id,
    conversationId: 3,
    parentId: null,
    role,
    text,
    status,
    provenance: null,
    branch: { index: 0, count: 1 },
  }) as never;
const view = (status: Message['status'], text = ''): ConversationView => ({
  conversation,
  messages: [message(7, 'user', 'complete', 'Hi'), message(8, 'assistant', status, text)],
});
const ok = <T>(value: T): Result<T> => ({ ok: true, value });

/** A stand-in for the app: each `chats.open` waits until the test answers it. */
function fakeApi() {
  const opens: Array<(r: Result<ConversationView>) => void> = [];
  const api = {
    chats: {
      send: vi.fn(async () =>
        ok({
          conversation,
          userMessage: message(7, 'user', 'complete'),
          assistantMessage: message(8, 'assistant', 'streaming'),
        }),
      ),
      open: vi.fn(() => new Promise<Result<ConversationView>>((resolve) => opens.push(resolve))),
      stop: vi.fn(async () => ok({ stopped: true })),
    },
  } as unknown as RoseApi;
  return { api, opens };
}

/** Events as the socket delivers them (plain numbers where the app's types brand ids). */
const event = (e: object) => e as unknown as RoseEvent;
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('chat model', () => {
  test('a new chat sends with the draft settings and shows the conversation', async () => {
    const { api, opens } = fakeApi();
    const streams = createStreamsStore((callback) => callback());
    const chat = createChatModel(api, streams, () => {});
    await chat.configure({ alpha: 0.7, roseEnabled: false });
    const sent = chat.send('Hi');
    await flush();
    expect(api.chats.send).toHaveBeenCalledWith({ text: 'Hi', alpha: 0.7, roseEnabled: false });
    opens[0]!(ok(view('streaming')));
    expect(await sent).toBe(true);
    expect(chat.store.get().conversationId).toBe(3);
    expect(chat.streamingMessageId()).toBe(8);
  });

  test('deltas stream into the reply; when it finishes the stored message takes over', async () => {
    const { api, opens } = fakeApi();
    const streams = createStreamsStore((callback) => callback());
    const chat = createChatModel(api, streams, () => {});
    void chat.open(3 as never);
    opens.shift()!(ok(view('streaming')));
    await flush();
    const ids = { conversationId: 3, messageId: 8, generationId: 'g' } as const;
    chat.onEvent(event({ type: 'chat.delta', ...ids, fromSeq: 1, seq: 1, text: ' world' }));
    chat.onEvent(event({ type: 'chat.delta', ...ids, fromSeq: 0, seq: 0, text: 'Hello' }));
    expect(streams.get()[8]!.text).toBe('Hello world');
    chat.onEvent(
      event({
        type: 'chat.finished',
        ...ids,
        lastSeq: 1,
        message: message(8, 'assistant', 'stopped', 'Hello world'),
      }),
    );
    expect(chat.streamingMessageId()).toBeNull();
    // The finished reply reloads the view; then its stream is no longer needed.
    opens.shift()!(ok(view('stopped', 'Hello world')));
    await flush();
    expect(chat.store.get().view!.messages[1]!.status).toBe('stopped');
    expect(streams.get()[8]).toBeUndefined();
  });

  test('a finished reply is final at once, even when the view reloads before the next frame', async () => {
    const { api, opens } = fakeApi();
    const frames: Array<() => void> = [];
    const streams = createStreamsStore((callback) => frames.push(callback));
    const chat = createChatModel(api, streams, () => {});
    void chat.open(3 as never);
    opens.shift()!(ok(view('streaming')));
    await flush();
    const ids = { conversationId: 3, messageId: 8, generationId: 'g' } as const;
    chat.onEvent(event({ type: 'chat.delta', ...ids, fromSeq: 0, seq: 0, text: 'Hello' }));
    const stored = message(8, 'assistant', 'complete', 'Hello world');
    chat.onEvent(event({ type: 'chat.finished', ...ids, lastSeq: 1, message: stored }));
    // No frame has run, yet the reply shows its stored text and is no longer being written.
    expect(streams.get()[8]!.final).toEqual(stored);
    expect(streams.get()[8]!.text).toBe('Hello world');
    opens.shift()!(ok(view('complete', 'Hello world')));
    await flush();
    expect(streams.get()[8]).toBeUndefined();
  });

  test('an older view answering late does not replace a newer one', async () => {
    const { api, opens } = fakeApi();
    const streams = createStreamsStore((callback) => callback());
    const chat = createChatModel(api, streams, () => {});
    void chat.open(3 as never);
    void chat.refresh();
    const [older, newer] = opens;
    newer!(ok(view('complete', 'final')));
    await flush();
    older!(ok(view('streaming')));
    await flush();
    expect(chat.store.get().view!.messages[1]!.status).toBe('complete');
  });

  test('stop asks the app to stop the reply being written', async () => {
    const { api, opens } = fakeApi();
    const chat = createChatModel(
      api,
      createStreamsStore((callback) => callback()),
      () => {},
    );
    void chat.open(3 as never);
    opens.shift()!(ok(view('streaming')));
    await flush();
    await chat.stop();
    expect(api.chats.stop).toHaveBeenCalledWith({ messageId: 8 });
  });
});
