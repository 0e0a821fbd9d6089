import { describe, expect, test } from 'vitest';
import type { Message } from '../../shared/domain.js';
import { createStreamsStore } from '../src/stores/streamsStore.js';
import {
  applyStreamEvent,
  applyStreamEvents,
  type ChatStreamEvent,
  emptyStream,
} from '../src/stores/streamReducer.js';

const ids = { conversationId: 1, messageId: 7 } as unknown as { conversationId: never; messageId: never };

const started = (generationId = 'g1'): ChatStreamEvent => ({
  type: 'chat.started',
  ...ids,
  generationId,
  logitsSource: 'api',
  promptTokens: 12,
});

const delta = (seq: number, text: string, fromSeq = seq, generationId = 'g1'): ChatStreamEvent => ({
  type: 'chat.delta',
  ...ids,
  generationId,
  fromSeq,
  seq,
  text,
});

const finished = (status: Message['status'], text: string, lastSeq = 0): ChatStreamEvent => ({
  type: 'chat.finished',
  ...ids,
  generationId: 'g1',
  lastSeq,
  message: {
    id: 7,
    conversationId: 1,
    text,
    status,
    errorMessage: status === 'error' ? 'boom' : null,
  } as Message,
});

describe('stream reducer', () => {
  test('applies deltas in sequence order', () => {
    const s = applyStreamEvents(emptyStream, [started(), delta(0, 'Hel'), delta(1, 'lo')]);
    expect(s.text).toBe('Hello');
    expect(s.phase).toBe('streaming');
    expect(s.logitsSource).toBe('api');
  });

  test('holds an early delta until the gap fills', () => {
    const early = applyStreamEvents(emptyStream, [started(), delta(0, 'a'), delta(2, 'c'), delta(3, 'd')]);
    expect(early.text).toBe('a');
    const filled = applyStreamEvent(early, delta(1, 'b'));
    expect(filled.text).toBe('abcd');
    expect(filled.seqText.nextSeq).toBe(4);
    expect(Object.keys(filled.seqText.pending)).toEqual([]);
  });

  test('reversed arrival gives the same text as in-order arrival', () => {
    const pieces = ['one ', 'two ', 'three ', 'four'];
    const inOrder = applyStreamEvents(
      emptyStream,
      pieces.map((t, i) => delta(i, t)),
    );
    const reversed = applyStreamEvents(emptyStream, pieces.map((t, i) => delta(i, t)).reverse());
    expect(reversed.text).toBe(inOrder.text);
    expect(reversed.text).toBe(pieces.join(''));
  });

  test('ignores duplicates, whether already applied or still held back', () => {
    const s = applyStreamEvents(emptyStream, [
      delta(0, 'a'),
      delta(0, 'a'),
      delta(2, 'c'),
      delta(2, 'c'),
      delta(1, 'b'),
      delta(1, 'b'),
    ]);
    expect(s.text).toBe('abc');
  });

  test('a late delta changes nothing and returns the same state', () => {
    const s = applyStreamEvents(emptyStream, [delta(0, 'a'), delta(1, 'b')]);
    expect(applyStreamEvent(s, delta(0, 'X'))).toBe(s);
  });

  test('applies merged deltas that cover several sequence numbers', () => {
    const s = applyStreamEvents(emptyStream, [delta(3, 'de', 3), delta(2, 'abc', 0), delta(1, 'bc', 1)]);
    expect(s.text).toBe('abcde');
    expect(s.seqText.nextSeq).toBe(4);
  });

  test('done replaces the text with the stored reply and ignores later deltas', () => {
    const s = applyStreamEvents(emptyStream, [started(), delta(0, 'Hi'), delta(1, ' the')]);
    const done = applyStreamEvent(s, finished('complete', 'Hi there', 2));
    expect(done.phase).toBe('complete');
    expect(done.text).toBe('Hi there');
    expect(applyStreamEvent(done, delta(2, 're'))).toBe(done);
  });

  test('a stopped reply keeps its partial text and is marked stopped', () => {
    const s = applyStreamEvents(emptyStream, [
      started(),
      delta(0, 'partial'),
      finished('stopped', 'partial'),
    ]);
    expect(s.phase).toBe('stopped');
    expect(s.text).toBe('partial');
    expect(s.final?.status).toBe('stopped');
  });

  test('an error ends the stream with the error status', () => {
    const s = applyStreamEvents(emptyStream, [started(), finished('error', '')]);
    expect(s.phase).toBe('error');
    expect(s.final?.errorMessage).toBe('boom');
  });

  test('events of another generation are ignored', () => {
    const s = applyStreamEvents(emptyStream, [started('g1'), delta(0, 'a')]);
    expect(applyStreamEvent(s, delta(1, 'zzz', 1, 'g0'))).toBe(s);
  });
});

describe('streams store', () => {
  test('applies a burst of deltas once per animation frame', () => {
    const frames: Array<() => void> = [];
    const store = createStreamsStore((callback) => frames.push(callback));
    let notifications = 0;
    store.subscribe(() => notifications++);
    store.receive(started());
    for (let i = 0; i < 20; i++) store.receive(delta(i, String(i % 10)));
    expect(notifications).toBe(0);
    expect(frames).toHaveLength(1);
    frames.shift()!();
    expect(notifications).toBe(1);
    expect(store.get()[7]!.text).toBe('01234567890123456789');
  });

  test('forgets a finished reply', () => {
    const store = createStreamsStore((callback) => callback());
    store.receive(delta(0, 'a'));
    expect(store.get()[7]).toBeDefined();
    store.forget(7 as never);
    expect(store.get()[7]).toBeUndefined();
  });

  test('a continued reply starts afresh from its text, even after it finished before', () => {
    const store = createStreamsStore((callback) => callback());
    store.receive(started());
    store.receive(delta(0, 'Once upon'));
    store.receive(finished('complete', 'Once upon', 0));
    expect(store.get()[7]!.final).not.toBeNull();
    store.begin(7 as never, 'Once upon');
    expect(store.get()[7]!.final).toBeNull();
    expect(store.get()[7]!.text).toBe('Once upon');
    store.receive(started('g2'));
    store.receive(delta(0, ' a time', 0, 'g2'));
    expect(store.get()[7]!.text).toBe('Once upon a time');
  });
});
