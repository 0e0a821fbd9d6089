import assert from 'node:assert/strict';
import { type TestContext, test } from 'node:test';
import * as messagesRepo from '../../main/db/messagesRepo.js';
import type { GenerateRequest } from '../../main/engine/types.js';
import { createChatService } from '../../main/services/chatService.js';
import { SUMMARY_MAX_TOKENS, SUMMARY_REQUEST, summaryTurns } from '../../main/services/chatSummary.js';
import { getPreset } from '../../main/services/presetsService.js';
import { openStore } from '../../main/services/store.js';
import { isUserError, UserError } from '../../shared/errors.js';
import { type Script, scriptedEngine } from '../support/scriptedEngine.js';
import { tempDir } from '../support/tempData.js';

// "Continue in a new chat with a summary", with a scripted engine: what the model is asked, and
// how the summary reaches the new chat's replies (the same text in both ROSE runs).

function setup(t: TestContext, script: (request: GenerateRequest) => Script) {
  const db = openStore(tempDir(t));
  t.after(() => db.close());
  const engine = scriptedEngine(script);
  return { db, engine, chat: createChatService({ db, engine, saveIntervalMs: 20 }) };
}

const isSummaryRequest = (r: GenerateRequest) => r.turns.at(-1)?.text.endsWith(SUMMARY_REQUEST) === true;

test('the summary is asked for with the branch shown, and the new chat keeps it in both system prompts', {
  timeout: 30_000,
}, async (t) => {
  const summaryText = 'We talked about tomatoes; open question: when to plant.';
  const { db, engine, chat } = setup(t, (r) => ({
    pieces: isSummaryRequest(r) ? [summaryText] : ['Sure thing.'],
  }));
  const first = await chat.sendMessage({
    text: 'Tell me about tomatoes',
    modelPath: '/m/tiny.gguf',
    alpha: 0.7,
  });
  await chat.sendMessage({ conversationId: first.conversationId, text: 'And planting?' });

  const created = await chat.continueInNewChat(first.conversationId, 'Tomatoes (continued)');
  const asked = engine.requests.at(-1)!;
  assert.ok(isSummaryRequest(asked));
  assert.deepEqual(
    asked.turns.map((turn) => turn.role),
    ['user', 'assistant', 'user', 'assistant', 'user'],
  );
  assert.equal(asked.maxTokens, SUMMARY_MAX_TOKENS);
  assert.equal(asked.sampling.temperature, 0);
  assert.equal(asked.rose.alpha, 0.7, 'the summary is written with the conversation’s own ROSE settings');

  assert.equal(created.summary, summaryText);
  assert.equal(created.continuedFrom, first.conversationId);
  assert.equal(created.title, 'Tomatoes (continued)');
  assert.equal(created.alpha, 0.7);
  assert.equal(created.activeLeafId, null, 'the new chat starts empty');
  assert.equal(messagesRepo.branchPath(db, first.id).length, 2, 'the old chat is unchanged');

  await chat.sendMessage({ conversationId: created.id, text: 'So when?' });
  const next = engine.requests.at(-1)!;
  const preset = getPreset(db, 'manual-reverse').latest;
  assert.deepEqual(next.turns, [{ role: 'user', text: 'So when?' }]);
  assert.ok(next.rose.safePrompt.startsWith(preset.safePrompt));
  assert.ok(next.rose.reversePrompt.startsWith(preset.reversePrompt));
  const safeAddition = next.rose.safePrompt.slice(preset.safePrompt.length);
  const reverseAddition = next.rose.reversePrompt.slice(preset.reversePrompt.length);
  assert.ok(safeAddition.includes(summaryText));
  assert.equal(safeAddition, reverseAddition, 'both runs get the same addition');
});

test('a trailing unanswered message is merged with the request; an empty summary makes no chat', {
  timeout: 30_000,
}, async (t) => {
  assert.deepEqual(summaryTurns([{ role: 'user', text: 'Hi' }]), [
    { role: 'user', text: `Hi\n\n${SUMMARY_REQUEST}` },
  ]);
  const { db, chat } = setup(t, (r) => ({ pieces: isSummaryRequest(r) ? ['  '] : ['Hello.'] }));
  const first = await chat.sendMessage({ text: 'Hi', modelPath: '/m/tiny.gguf' });
  const before = db.prepare('SELECT count(*) AS n FROM conversations').get() as { n: number };
  await assert.rejects(
    chat.continueInNewChat(first.conversationId, 'Hi (continued)'),
    (error) => isUserError(error) && error.code === 'summary-empty',
  );
  const after = db.prepare('SELECT count(*) AS n FROM conversations').get() as { n: number };
  assert.equal(after.n, before.n);
});

test('the summary passes the same policy check as a reply: a refusal writes nothing', {
  timeout: 30_000,
}, async (t) => {
  const db = openStore(tempDir(t));
  t.after(() => db.close());
  const engine = scriptedEngine({ pieces: ['Fine.'] });
  let refuse = false;
  const checked: number[] = [];
  const chat = createChatService({
    db,
    engine,
    saveIntervalMs: 20,
    policy: {
      async checkGeneration(request) {
        checked.push(request.maxTokens);
        if (refuse) throw new UserError('policy-denied', 'a parent turned this off');
      },
      prompts: (safePrompt, reversePrompt) => ({ safePrompt, reversePrompt }),
    },
  });
  const first = await chat.sendMessage({ text: 'Hi', modelPath: '/m/tiny.gguf' });
  const requestsBefore = engine.requests.length;
  refuse = true;
  await assert.rejects(
    chat.continueInNewChat(first.conversationId, 'Hi (continued)'),
    (error) => isUserError(error) && error.code === 'policy-denied',
  );
  assert.equal(checked.at(-1), SUMMARY_MAX_TOKENS, 'the check saw the summary request');
  assert.equal(engine.requests.length, requestsBefore, 'nothing was generated');
  assert.equal((db.prepare('SELECT count(*) AS n FROM conversations').get() as { n: number }).n, 1);
});
