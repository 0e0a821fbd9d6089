import { act } from 'react';
import { afterEach, describe, expect, test } from 'vitest';
import type { ConversationView } from '../../shared/domain.js';
import { AppContext } from '../src/appContext.js';
import { MessageView } from '../src/components/Chat/MessageView.js';
import type { AppModel } from '../src/stores/appModel.js';
import { createStore } from '../src/stores/createStore.js';
import { emptyStream, type ReplyStream } from '../src/stores/streamReducer.js';
import { otherReplyWriting, type StreamsState } from '../src/stores/streamsStore.js';
import { type Mounted, mount } from './support/dom.js';

let mounted: Mounted | null = null;
afterEach(() => {
  mounted?.unmount();
  mounted = null;
});

const reply = {
  id: 9,
  conversationId: 2,
  parentId: 8,
  role: 'assistant',
  text: '',
  status: 'streaming',
  provenance: null,
  branch: { index: 0, count: 1 },
} as never as ConversationView['messages'][number];
const writing = (text: string) => ({ ...emptyStream, phase: 'streaming', text }) as ReplyStream;

function show(streams: ReturnType<typeof createStore<StreamsState>>) {
  const app = { presets: { store: createStore({ items: [] }) }, chat: {}, streams } as unknown as AppModel;
  mounted = mount(
    <AppContext.Provider value={app}>
      <MessageView message={reply} stream={streams.get()[9]} busy={true} />
    </AppContext.Provider>,
  );
  return mounted.container.querySelector('.message__waiting')?.textContent;
}

describe('a reply queued behind another', () => {
  test('says it waits while another tab’s reply is written, and thinks once that one is done', () => {
    const streams = createStore<StreamsState>({ 4: writing('another tab writes') });
    expect(show(streams)).toBe('Waiting for another reply to finish…');
    act(() => streams.set({ 4: { ...writing('done'), phase: 'complete' } }));
    expect(mounted!.container.querySelector('.message__waiting')?.textContent).toBe('Thinking…');
  });

  test('otherReplyWriting ignores the reply itself and finished ones', () => {
    expect(otherReplyWriting({ 9: writing('me') }, 9 as never)).toBe(false);
    expect(otherReplyWriting({ 3: { ...writing('x'), phase: 'stopped' } }, 9 as never)).toBe(false);
    expect(otherReplyWriting({ 3: writing('x') }, 9 as never)).toBe(true);
  });
});
