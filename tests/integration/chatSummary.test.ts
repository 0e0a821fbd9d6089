// "Continue in a new chat with a summary" on the real engine, through the app's handlers.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Result } from '../../shared/contract/index.js';
import { finishedFor, recorder } from '../support/roseEvents.js';
import { roseWithTinyModel } from '../support/tinyRose.js';

function value<T>(result: Result<T>): T {
  assert.ok(result.ok, JSON.stringify(result));
  return result.value;
}

test('a conversation continues in a new chat that starts from the model’s summary', {
  timeout: 180_000,
}, async (t) => {
  const rose = await roseWithTinyModel(t);
  const h = rose.handlers;
  const { waitFor } = recorder(rose);
  const first = value(await h['app:chats.send']({ text: 'Tell me about the sea', maxTokens: 16 }));
  await waitFor(finishedFor(first.assistantMessage.id));
  const conversationId = first.conversation.id;

  const view = value(
    await h['app:chats.continueInNewChat']({ conversationId, title: 'The sea (continued)' }),
  );
  assert.notEqual(view.conversation.id, conversationId);
  assert.equal(view.conversation.continuedFrom, conversationId);
  assert.ok((view.conversation.summary ?? '').length > 0, 'the model wrote a summary');
  assert.deepEqual(view.messages, []);
  const listed = value(await h['app:chats.list']({}));
  assert.ok(listed.some((c) => c.id === view.conversation.id && c.title === 'The sea (continued)'));

  // The new chat answers, and the old one is as it was.
  const next = value(
    await h['app:chats.send']({ conversationId: view.conversation.id, text: 'Go on', maxTokens: 8 }),
  );
  const finished = await waitFor(finishedFor(next.assistantMessage.id));
  assert.ok(finished.type === 'chat.finished' && finished.message.status === 'complete');
  assert.equal(value(await h['app:chats.open']({ conversationId })).messages.length, 2);

  const missing = await h['app:chats.continueInNewChat']({ conversationId: 987654, title: 'x' });
  assert.ok(!missing.ok && missing.error.code === 'conversation-not-found');
});
