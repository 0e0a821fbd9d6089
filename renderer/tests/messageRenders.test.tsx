import { act } from 'react';
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { ConversationView } from '../../shared/domain.js';
import { AppContext } from '../src/appContext.js';
import { MessageView } from '../src/components/Chat/MessageView.js';
import { ErrorBoundary } from '../src/components/ErrorBoundary/ErrorBoundary.js';
import type { AppModel } from '../src/stores/appModel.js';
import { createStore } from '../src/stores/createStore.js';
import { emptyStream, type ReplyStream } from '../src/stores/streamReducer.js';
import { type Mounted, mount } from './support/dom.js';

// Count how often each message's body is drawn: the Markdown of a message renders once per render
// of its MessageView.
const renders = new Map<string, number>();
vi.mock('../src/components/Markdown/Markdown.js', () => ({
  Markdown: ({ text }: { text: string }) => {
    renders.set(text, (renders.get(text) ?? 0) + 1);
    return <p>{text}</p>;
  },
}));

let mounted: Mounted | null = null;
afterEach(() => {
  mounted?.unmount();
  mounted = null;
  renders.clear();
});

type Message = ConversationView['messages'][number];
const message = (id: number, role: 'user' | 'assistant', text: string): Message =>
  ({
    id,
    conversationId: 1,
    parentId: null,
    role,
    text,
    status: 'complete',
    provenance: null,
    branch: { index: 0, count: 1 },
  }) as never;

const app = {
  presets: { store: createStore({ presets: [] }) },
  chat: {},
  streams: createStore({}),
} as unknown as AppModel;

function Conversation({ messages, streams }: { messages: Message[]; streams: Record<number, ReplyStream> }) {
  return (
    <AppContext.Provider value={app}>
      {messages.map((m) => (
        <MessageView key={m.id} message={m} stream={streams[m.id]} busy={true} />
      ))}
    </AppContext.Provider>
  );
}

describe('streaming renders', () => {
  test('each frame re-renders only the message whose stream grew', () => {
    const messages = [
      message(1, 'user', 'first question'),
      message(2, 'assistant', 'first answer'),
      message(3, 'user', 'second question'),
      message(4, 'assistant', ''),
    ];
    let streams: Record<number, ReplyStream> = {};
    mounted = mount(<Conversation messages={messages} streams={streams} />);
    const frames = ['Once', 'Once upon', 'Once upon a', 'Once upon a time'];
    for (const text of frames) {
      streams = { ...streams, 4: { ...emptyStream, phase: 'streaming', text } as ReplyStream };
      act(() => mounted!.root.render(<Conversation messages={messages} streams={streams} />));
    }
    expect(renders.get('first question')).toBe(1);
    expect(renders.get('first answer')).toBe(1);
    expect(renders.get('second question')).toBe(1);
    for (const text of frames) expect(renders.get(text)).toBe(1);
  });
});

function Fragile({ text }: { text: string }) {
  if (text.includes('boom')) throw new Error('cannot draw this');
  return <p>{text}</p>;
}

describe('error boundary', () => {
  test('one part that throws shows its fallback, the rest stays, and a new text is tried again', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const page = (text: string) => (
      <div>
        <p>the rest of the app</p>
        <ErrorBoundary resetKey={text} fallback={<pre>plain: {text}</pre>}>
          <Fragile text={text} />
        </ErrorBoundary>
      </div>
    );
    mounted = mount(page('boom'));
    expect(mounted.container.textContent).toContain('the rest of the app');
    expect(mounted.container.textContent).toContain('plain: boom');
    act(() => mounted!.root.render(page('fine now')));
    expect(mounted.container.textContent).toContain('fine now');
    expect(mounted.container.textContent).not.toContain('plain:');
    warn.mockRestore();
    error.mockRestore();
  });
});
