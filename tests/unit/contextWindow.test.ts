import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CUT_MARK, fitConversation, replyRoom } from '../../main/engine/prompt/contextWindow.js';
import type { PromptBuilder } from '../../main/engine/prompt/promptBuilder.js';
import type { ChatTurn } from '../../main/engine/types.js';

/** One token per character, with each turn's text and the system prompt; records every build. */
function countingBuilder() {
  const builds: Array<{ system: string; turns: readonly ChatTurn[] }> = [];
  const builder: PromptBuilder = {
    usesModelTemplate: false,
    build(system, turns) {
      builds.push({ system, turns });
      const text = system + turns.map((t) => `|${t.role[0]}:${t.text}`).join('');
      return { tokens: [...text].map((c) => c.charCodeAt(0)), stopTexts: [] };
    },
  };
  return { builder, builds };
}

const exchange = (n: number): ChatTurn[] => [
  { role: 'user', text: `question ${n} `.repeat(3) },
  { role: 'assistant', text: `answer ${n} `.repeat(5) },
];
const conversation = (exchanges: number): ChatTurn[] => [
  ...Array.from({ length: exchanges }, (_, i) => exchange(i)).flat(),
  { role: 'user', text: 'and now?' },
];
const length = (system: string, turns: readonly ChatTurn[]) =>
  (system + turns.map((t) => `|${t.role[0]}:${t.text}`).join('')).length;

describe('fitting a conversation into the context', () => {
  const systems = { safe: 'be safe', reverse: 'be reckless and rude' };

  test('a conversation that fits is left whole', () => {
    const { builder } = countingBuilder();
    const turns = conversation(2);
    const fitted = fitConversation(builder, systems, turns, 4096, 256);
    assert.equal(fitted.droppedTurns, 0);
    assert.equal(fitted.shortenedLastTurn, false);
    assert.deepEqual(fitted.turns, turns);
  });

  test('the oldest exchanges go first, the kept part starts at a user turn and is the longest that fits', () => {
    const { builder } = countingBuilder();
    const turns = conversation(12);
    const contextSize = 600;
    const maxTokens = 100;
    const fitted = fitConversation(builder, systems, turns, contextSize, maxTokens);
    const limit = contextSize - replyRoom(contextSize, maxTokens);
    assert.ok(fitted.droppedTurns > 0);
    assert.equal(fitted.turns[0]?.role, 'user');
    assert.deepEqual(fitted.turns, turns.slice(fitted.droppedTurns));
    // Both runs fit, judged by the longer (reverse) system prompt…
    assert.ok(length(systems.reverse, fitted.turns) <= limit);
    assert.equal(fitted.reverse?.tokens.length, length(systems.reverse, fitted.turns));
    // …and keeping one more exchange would not have.
    assert.ok(length(systems.reverse, turns.slice(fitted.droppedTurns - 2)) > limit);
  });

  test('both runs get exactly the same turns', () => {
    const { builder, builds } = countingBuilder();
    const fitted = fitConversation(builder, systems, conversation(12), 600, 100);
    const last = builds.slice(-2);
    assert.deepEqual(
      last.map((b) => b.system),
      [systems.safe, systems.reverse],
    );
    assert.deepEqual(last[0]?.turns, last[1]?.turns);
    assert.deepEqual(last[0]?.turns, fitted.turns);
  });

  test('a single message too long for the context keeps its end, marked as cut', () => {
    const { builder } = countingBuilder();
    const long = `${'old words '.repeat(200)}THE END`;
    const turns: ChatTurn[] = [...exchange(1), { role: 'user', text: long }];
    const fitted = fitConversation(builder, systems, turns, 300, 50);
    assert.equal(fitted.shortenedLastTurn, true);
    assert.equal(fitted.droppedTurns, 2);
    assert.equal(fitted.turns.length, 1);
    const kept = fitted.turns[0]?.text ?? '';
    assert.ok(kept.startsWith(CUT_MARK));
    assert.ok(kept.endsWith('THE END'));
    assert.ok(long.endsWith(kept.slice(CUT_MARK.length)));
    assert.ok(length(systems.reverse, fitted.turns) <= 300 - replyRoom(300, 50));
  });

  test('ROSE off fits by the safe prompt alone', () => {
    const { builder } = countingBuilder();
    const turns = conversation(12);
    const on = fitConversation(builder, systems, turns, 600, 100);
    const off = fitConversation(builder, { safe: systems.safe, reverse: null }, turns, 600, 100);
    assert.equal(off.reverse, null);
    assert.ok(off.droppedTurns <= on.droppedTurns);
  });

  test('room for the reply: max tokens, at most a quarter of the context', () => {
    assert.equal(replyRoom(2048, 256), 256);
    assert.equal(replyRoom(2048, 4096), 512);
    assert.equal(replyRoom(2, 100), 1);
  });
});
