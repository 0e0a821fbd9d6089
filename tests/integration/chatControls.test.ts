// Chat controls on the real engine: Continue, Regenerate's seeds, per-chat generation settings,
// deleting and editing messages, a conversation that outgrows a small context, a chosen context size.
import assert from 'node:assert/strict';
import { type TestContext, test } from 'node:test';
import { createRose, type Rose } from '../../main/app/createRose.js';
import type { Result } from '../../shared/contract/index.js';
import type { Message } from '../../shared/domain.js';
import { finishedFor, recorder } from '../support/roseEvents.js';
import { tempDir } from '../support/tempData.js';
import { getTinyModel } from '../support/testModels.js';

function value<T>(result: Result<T>): T {
  assert.ok(result.ok, JSON.stringify(result));
  return result.value;
}

async function start(t: TestContext, extra: { contextSize?: number; contextLength?: number } = {}) {
  const model = await getTinyModel(extra.contextLength ? { contextLength: extra.contextLength } : {});
  const rose = await createRose({
    dataDir: tempDir(t),
    threads: 1,
    modelPath: model,
    log: () => {},
    ...(extra.contextSize ? { contextSize: extra.contextSize } : {}),
  });
  t.after(() => rose.dispose());
  const { waitFor } = recorder(rose);
  /** Wait for a reply's chat.finished and return the stored message. */
  const finished = async (accepted: { assistantMessage: Message }) => {
    const event = await waitFor(finishedFor(accepted.assistantMessage.id));
    assert.ok(event.type === 'chat.finished');
    return event.message;
  };
  /** The next chat.finished of a message (Continue finishes the same message a second time). */
  const nextFinish = (messageId: number) =>
    new Promise<Message>((resolve) => {
      const stop = rose.events.subscribe((event) => {
        if (event.type === 'chat.finished' && event.messageId === messageId) {
          stop();
          resolve(event.message);
        }
      });
    });
  return { rose, h: rose.handlers, finished, nextFinish };
}

test('Continue extends a reply cut at the length limit, in place, counting every token', {
  timeout: 120_000,
}, async (t) => {
  const { h, finished, nextFinish } = await start(t);
  const cut = await finished(
    value(await h['app:chats.send']({ text: 'Tell me a long story', maxTokens: 4 })),
  );
  assert.equal(cut.provenance?.stopReason, 'max-tokens');
  const continued = nextFinish(cut.id);
  const accepted = value(await h['app:chats.continue']({ messageId: cut.id }));
  assert.equal(accepted.assistantMessage.id, cut.id, 'the same reply grows');
  assert.equal(accepted.assistantMessage.status, 'streaming');
  assert.equal(accepted.userMessage, null);
  const longer = await continued;
  assert.ok(longer.text.startsWith(cut.text), 'the new text follows the old');
  assert.ok(longer.text.length > cut.text.length);
  assert.ok(longer.provenance!.generated! > cut.provenance!.generated!, 'tokens of both parts are counted');
  const view = value(await h['app:chats.open']({ conversationId: cut.conversationId }));
  assert.equal(view.messages.length, 2, 'no new message was added');

  const userMessage = view.messages[0]!;
  const refused = await h['app:chats.continue']({ messageId: userMessage.id });
  assert.ok(!refused.ok && refused.error.code === 'message-invalid');
});

test('Regenerate draws a new seed when sampling and keeps greedy replies identical', {
  timeout: 120_000,
}, async (t) => {
  const { h, finished } = await start(t);
  const first = await finished(
    value(
      await h['app:chats.send']({ text: 'Say something', maxTokens: 12, sampling: { temperature: 1.2 } }),
    ),
  );
  const again = await finished(
    value(await h['app:chats.regenerate']({ messageId: first.id, sampling: { temperature: 1.2 } })),
  );
  assert.notEqual(again.provenance!.sampling.seed, first.provenance!.sampling.seed);
  assert.notEqual(again.text, first.text, 'a new seed gives another reply');

  const greedy = await finished(
    value(await h['app:chats.regenerate']({ messageId: first.id, sampling: { temperature: 0 } })),
  );
  const greedyAgain = await finished(
    value(await h['app:chats.regenerate']({ messageId: first.id, sampling: { temperature: 0 } })),
  );
  assert.equal(greedyAgain.text, greedy.text, 'greedy decoding has one answer');
});

test('a conversation keeps its own sampling, max tokens and stop texts; a fixed seed reproduces a reply', {
  timeout: 120_000,
}, async (t) => {
  const { h, finished } = await start(t);
  const first = await finished(value(await h['app:chats.send']({ text: 'Hello there', maxTokens: 2 })));
  const generation = { temperature: 0.9, topK: 40, topP: 0.95, seed: 1234, maxTokens: 6, stop: ['\n\n'] };
  const configured = value(
    await h['app:chats.configure']({ conversationId: first.conversationId, generation }),
  );
  assert.deepEqual(configured.generation, generation);

  const a = await finished(
    value(await h['app:chats.send']({ conversationId: first.conversationId, text: 'More' })),
  );
  assert.deepEqual(a.provenance!.sampling, {
    temperature: 0.9,
    topK: 40,
    topP: 0.95,
    seed: 1234,
    maxTokens: 6,
  });
  assert.ok(a.provenance!.generated! <= 6);
  const b = await finished(
    value(await h['app:chats.editAndResend']({ messageId: (await parentOf(h, a)).id, text: 'More' })),
  );
  assert.equal(b.text, a.text, 'the same seed, settings and conversation give the same reply');

  const reset = value(
    await h['app:chats.configure']({ conversationId: first.conversationId, generation: null }),
  );
  assert.equal(reset.generation, null);
  const bad = await h['app:chats.configure']({
    conversationId: first.conversationId,
    generation: { stop: ['a', 'b', 'c', 'd', 'e'] },
  });
  assert.ok(!bad.ok && bad.error.field === 'generation.stop');
});

async function parentOf(h: Rose['handlers'], reply: Message): Promise<Message> {
  const view = value(await h['app:chats.open']({ conversationId: reply.conversationId }));
  return view.messages.find((m) => m.id === reply.parentId)!;
}

test('deleting a message removes what follows it; editing a reply keeps its provenance', {
  timeout: 120_000,
}, async (t) => {
  const { h, finished } = await start(t);
  const one = await finished(value(await h['app:chats.send']({ text: 'First question', maxTokens: 3 })));
  const conversationId = one.conversationId;
  const two = await finished(
    value(await h['app:chats.send']({ conversationId, text: 'Second question', maxTokens: 3 })),
  );
  const secondQuestion = await parentOf(h, two);

  const edited = value(await h['app:chats.editReply']({ messageId: one.id, text: 'A better answer.' }));
  const shown = edited.messages.find((m) => m.id === one.id)!;
  assert.equal(shown.text, 'A better answer.');
  assert.ok(shown.editedAt !== null);
  assert.deepEqual(shown.provenance, one.provenance, 'what ROSE did is kept');
  const found = value(await h['app:chats.search']({ query: 'better' }));
  assert.ok(
    found.some((hit) => hit.conversationId === conversationId),
    'search sees the edited text',
  );

  const after = value(await h['app:chats.deleteMessage']({ messageId: secondQuestion.id }));
  assert.deepEqual(
    after.messages.map((m) => m.id),
    [one.parentId, one.id],
    'the question and its reply are gone; the branch shown ends at the first reply',
  );
  assert.equal(after.conversation.activeLeafId, one.id);
  const gone = await h['app:chats.editReply']({ messageId: two.id, text: 'x' });
  assert.ok(!gone.ok && gone.error.code === 'message-not-found');
});

test('past a small context the chat keeps answering and says what was left out; a chosen context size is used', {
  timeout: 200_000,
}, async (t) => {
  const { h, finished } = await start(t, { contextSize: 512, contextLength: 4096 });
  const current = value(await h['app:models.current']({}));
  assert.equal(current?.contextSize, 512, 'the context size given at start is the one loaded');
  let conversationId: number | undefined;
  const long = 'Please tell me everything about the history of tea in many words. '.repeat(4);
  const replies: Message[] = [];
  for (let turn = 0; turn < 6; turn += 1) {
    const reply = await finished(
      value(
        await h['app:chats.send']({
          ...(conversationId ? { conversationId: conversationId as never } : {}),
          text: `${turn}: ${long}`,
          maxTokens: 16,
        }),
      ),
    );
    conversationId = reply.conversationId;
    assert.equal(reply.status, 'complete', `turn ${turn}: ${reply.errorMessage}`);
    replies.push(reply);
  }
  const last = replies.at(-1)!.provenance!.context!;
  assert.equal(last.size, 512);
  assert.ok(last.droppedTurns > 0, 'older turns were left out');
  assert.ok(last.promptTokens <= 512);
  assert.equal(replies[0]!.provenance!.context!.droppedTurns, 0);

  const model = value(await h['app:models.list']({}))[0]!;
  const reloaded = value(await h['app:models.load']({ modelId: model.id, contextSize: 1024 }));
  assert.equal(reloaded.contextSize, 1024, 'a context size chosen at load reloads the model with it');
});

test('removing the loaded model unloads it and says so', { timeout: 120_000 }, async (t) => {
  const { rose, h } = await start(t);
  const events: string[] = [];
  rose.events.subscribe((event) => {
    if (event.type === 'model.unloaded') events.push(event.path);
  });
  const loaded = value(await h['app:models.current']({}));
  assert.ok(loaded);
  value(await h['app:models.remove']({ modelId: loaded.modelId! }));
  assert.equal(value(await h['app:models.current']({})), null, 'nothing stays loaded');
  assert.deepEqual(events, [loaded.path]);
});

test('the app’s generation defaults (Settings) apply to chats that set nothing, and are remembered', {
  timeout: 120_000,
}, async (t) => {
  const { h, finished } = await start(t);
  const saved = value(
    await h['app:settings.set']({ generationDefaults: { maxTokens: 3, temperature: 0.9, seed: 4 } }),
  );
  assert.deepEqual(saved.generationDefaults, { maxTokens: 3, temperature: 0.9, seed: 4 });
  const reply = await finished(value(await h['app:chats.send']({ text: 'Hello there' })));
  assert.equal(reply.provenance?.sampling.maxTokens, 3);
  assert.equal(reply.provenance?.sampling.temperature, 0.9);
  assert.equal(reply.provenance?.sampling.seed, 4);
  assert.ok((reply.provenance?.generated ?? 0) <= 3);
  const bad = await h['app:settings.set']({ generationDefaults: { maxTokens: 0 } });
  assert.ok(!bad.ok && bad.error.code === 'invalid-request');
});
