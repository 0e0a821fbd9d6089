import { describe, expect, test } from 'vitest';
import type { Message } from '../../shared/domain.js';
import { i18n } from '../src/i18n/index.js';
import { replyNotices } from '../src/lib/contextText.js';
import { numberProblem } from '../src/components/Composer/GenerationFields.js';

const reply = (
  provenance: Partial<NonNullable<Message['provenance']>>,
  status: Message['status'] = 'complete',
) =>
  ({
    id: 1,
    role: 'assistant',
    text: 'Some text',
    status,
    provenance: {
      sampling: { temperature: 0, topK: 0, topP: 1, seed: 0, maxTokens: 64 },
      stopReason: 'eog',
      context: null,
      ...provenance,
    },
  }) as unknown as Message;

describe('reply notices', () => {
  test('say how many messages were left out, and nothing when none were', () => {
    const context = { size: 2048, promptTokens: 2000, droppedTurns: 3, shortenedLastTurn: false };
    expect(replyNotices(reply({ context }), i18n.t).context).toMatch(
      /context \(2.048 tokens\).*oldest 3 messages were left out/,
    );
    expect(replyNotices(reply({ context: { ...context, droppedTurns: 1 } }), i18n.t).context).toMatch(
      /oldest message was/,
    );
    expect(replyNotices(reply({ context: { ...context, droppedTurns: 0 } }), i18n.t).context).toBeNull();
    expect(
      replyNotices(reply({ context: { ...context, droppedTurns: 0, shortenedLastTurn: true } }), i18n.t)
        .context,
    ).toMatch(/only its end/);
  });

  test('a reply cut at the length limit says so; a stopped one is not called cut', () => {
    expect(replyNotices(reply({ stopReason: 'max-tokens' }), i18n.t).cut).toBe(
      'Stopped at the length limit (64 tokens).',
    );
    expect(replyNotices(reply({ stopReason: 'max-tokens' }, 'stopped'), i18n.t).cut).toBeNull();
    expect(replyNotices(reply({ stopReason: 'eog' }), i18n.t).cut).toBeNull();
  });
});

describe('generation boxes', () => {
  const seed = {
    key: 'seed',
    label: 'Seed',
    min: 0,
    max: 100,
    step: 1,
    integer: true,
    placeholder: '',
    hint: '',
  } as const;
  test('an empty box is the default; a bad value is named, never dropped silently', () => {
    expect(numberProblem('', seed, i18n.t)).toBeNull();
    expect(numberProblem('42', seed, i18n.t)).toBeNull();
    expect(numberProblem('4.5', seed, i18n.t)).toMatch(/whole number/);
    expect(numberProblem('101', seed, i18n.t)).toMatch(/between 0 and 100/);
    expect(numberProblem('abc', seed, i18n.t)).toMatch(/must be a number/);
  });
});
