import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as conversationsRepo from '../../main/db/conversationsRepo.js';
import { createChatService } from '../../main/services/chatService.js';
import { openStore } from '../../main/services/store.js';
import type { ChatGeneration } from '../../shared/domain.js';
import { DEFAULT_MAX_TOKENS, DEFAULT_SAMPLING } from '../../shared/generationLimits.js';
import { scriptedEngine } from '../support/scriptedEngine.js';
import { tempDir } from '../support/tempData.js';

// The app's generation defaults (Settings) sit under each conversation's own settings, field by field.

test('replies use the app defaults where the chat sets nothing, and the chat’s own values where it does', {
  timeout: 30_000,
}, async (t) => {
  const db = openStore(tempDir(t));
  t.after(() => db.close());
  const engine = scriptedEngine({ pieces: ['Fine.'] });
  let defaults: ChatGeneration | null = { temperature: 0.7, seed: 11, maxTokens: 40, stop: ['END'] };
  const chat = createChatService({ db, engine, saveIntervalMs: 20, generationDefaults: () => defaults });

  const first = await chat.sendMessage({ text: 'Hi', modelPath: '/m/tiny.gguf' });
  let request = engine.requests.at(-1)!;
  assert.equal(request.sampling.temperature, 0.7);
  assert.equal(request.sampling.seed, 11);
  assert.equal(
    request.sampling.topP,
    DEFAULT_SAMPLING.topP,
    'a field the defaults leave out is the built-in one',
  );
  assert.equal(request.maxTokens, 40);
  assert.deepEqual(request.stopTexts, ['END']);

  // The chat's own temperature wins; its other fields still come from the app defaults.
  conversationsRepo.updateConversation(db, first.conversationId, { generation: { temperature: 0 } });
  await chat.sendMessage({ conversationId: first.conversationId, text: 'Again' });
  request = engine.requests.at(-1)!;
  assert.equal(request.sampling.temperature, 0);
  assert.equal(request.maxTokens, 40);

  // Defaults cleared: the built-in ones, read at each reply (no restart needed).
  defaults = null;
  await chat.sendMessage({ conversationId: first.conversationId, text: 'Once more' });
  request = engine.requests.at(-1)!;
  assert.equal(request.maxTokens, DEFAULT_MAX_TOKENS);
  assert.equal(request.stopTexts, undefined);
});
