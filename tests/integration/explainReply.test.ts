import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RoseEvent } from '../../shared/contract/index.js';
import type { Message, SteeredSpan } from '../../shared/domain.js';
import { roseWithTinyModel } from '../support/tinyRose.js';

function checkSpans(text: string, spans: SteeredSpan[], steered: number) {
  assert.ok(spans.length > 0, 'the tiny model at α 1 has steered tokens');
  assert.ok(spans.length <= steered);
  let last = 0;
  for (const span of spans) {
    assert.ok(span.start >= last && span.start < span.end && span.end <= text.length, JSON.stringify(span));
    assert.equal(typeof span.safeOnly, 'string');
    last = span.end;
  }
}

test('a reply keeps the tokens ROSE changed and what the safe run alone would have written', {
  timeout: 240_000,
}, async (t) => {
  const rose = await roseWithTinyModel(t);
  const h = rose.handlers;
  const finished = (messageId: number) =>
    new Promise<Message>((resolve) => {
      const stop = rose.events.subscribe((event: RoseEvent) => {
        if (event.type === 'chat.finished' && event.messageId === messageId) {
          stop();
          resolve(event.message);
        }
      });
    });

  const sent = await h['app:chats.send']({ text: 'Tell me about tea', alpha: 1, maxTokens: 24 });
  assert.ok(sent.ok, JSON.stringify(sent));
  const reply = await finished(sent.value.assistantMessage.id);
  const first = reply.provenance!.steering!;
  checkSpans(reply.text, first, reply.provenance!.steered!);

  // The stored message (opened again) has the same spans.
  const opened = await h['app:chats.open']({ conversationId: reply.conversationId });
  assert.ok(opened.ok);
  assert.deepEqual(opened.value.messages.at(-1)!.provenance!.steering, first);

  // Continue: the new spans follow the text the reply already had; the old ones stay.
  const more = await h['app:chats.continue']({ messageId: reply.id });
  assert.ok(more.ok, JSON.stringify(more));
  const continued = await finished(reply.id);
  const all = continued.provenance!.steering!;
  checkSpans(continued.text, all, continued.provenance!.steered!);
  assert.deepEqual(all.slice(0, first.length), first);

  // An edit by hand keeps what ROSE did (the spans describe the generated text, not the edit).
  const edited = await h['app:chats.editReply']({ messageId: reply.id, text: 'My own words.' });
  assert.ok(edited.ok);
  assert.deepEqual(edited.value.messages.at(-1)!.provenance!.steering, all);

  // Compare answers carry them too.
  const compared = await h['app:compare.run']({
    prompt: 'Tell me about tea',
    maxTokens: 16,
    sides: [{ roseEnabled: false }, { alpha: 1 }],
  });
  assert.ok(compared.ok, JSON.stringify(compared));
  assert.deepEqual(compared.value.answers[0].steering, [], 'ROSE off changes nothing');
  checkSpans(
    compared.value.answers[1].text,
    compared.value.answers[1].steering,
    compared.value.answers[1].steered,
  );
});
