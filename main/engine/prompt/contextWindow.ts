import { UserError } from '../../../shared/errors.js';
import type { ChatTurn } from '../types.js';
import type { BuiltPrompt, PromptBuilder } from './promptBuilder.js';

/**
 * What Rose does when a conversation outgrows the context: it keeps both system prompts and the
 * latest turns, leaves out the oldest turns (whole exchanges, so the kept part starts with a user
 * message), and, if even the latest message alone is too long, keeps that message's end. The same
 * turns go to both ROSE runs, so the contrast always compares one conversation; and the result is
 * a plain function of the conversation, so a reply equals a from-scratch run on the kept turns.
 */
export type FittedConversation = {
  safe: BuiltPrompt;
  reverse: BuiltPrompt | null;
  /** The turns both runs see. */
  turns: readonly ChatTurn[];
  /** How many of the oldest turns were left out. */
  droppedTurns: number;
  /** Whether the latest message itself had to be cut (its beginning left out). */
  shortenedLastTurn: boolean;
};

/** At most this share of the context is held free for the reply (less if max tokens is smaller). */
export const REPLY_ROOM_SHARE = 0.25;
/** Marks where a cut message begins. */
export const CUT_MARK = '… ';

/** Tokens kept free for the reply: max tokens, but never more than a quarter of the context. */
export function replyRoom(contextSize: number, maxTokens: number): number {
  return Math.max(1, Math.min(maxTokens, Math.floor(contextSize * REPLY_ROOM_SHARE)));
}

export function fitConversation(
  builder: PromptBuilder,
  systemPrompts: { safe: string; reverse: string | null },
  turns: readonly ChatTurn[],
  contextSize: number,
  maxTokens: number,
): FittedConversation {
  const limit = contextSize - replyRoom(contextSize, maxTokens);
  const build = (kept: readonly ChatTurn[]) => {
    const safe = builder.build(systemPrompts.safe, kept);
    const reverse = systemPrompts.reverse === null ? null : builder.build(systemPrompts.reverse, kept);
    const longest = Math.max(safe.tokens.length, reverse?.tokens.length ?? 0);
    return { safe, reverse, fits: longest <= limit };
  };
  const whole = build(turns);
  if (whole.fits) return { ...whole, turns, droppedTurns: 0, shortenedLastTurn: false };

  // Kept parts start at a user turn; fewer kept turns never make a prompt longer, so the first
  // start that fits is found by binary search.
  const starts = turns.flatMap((turn, i) => (i > 0 && turn.role === 'user' ? [i] : []));
  let low = 0;
  let high = starts.length - 1;
  let best: number | null = null;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (build(turns.slice(starts[middle])).fits) {
      best = middle;
      high = middle - 1;
    } else low = middle + 1;
  }
  if (best !== null) {
    const start = starts[best] as number;
    const kept = turns.slice(start);
    return { ...build(kept), turns: kept, droppedTurns: start, shortenedLastTurn: false };
  }

  // Even the latest exchange is too long: keep the latest user message alone (and what follows
  // it), cut from its beginning.
  const lastUser = turns.findLastIndex((turn) => turn.role === 'user');
  const tail = turns.slice(Math.max(lastUser, 0));
  const [first, ...rest] = tail;
  if (!first) throw overflow(contextSize);
  const withKept = (chars: number): ChatTurn[] => [
    { role: first.role, text: `${CUT_MARK}${first.text.slice(first.text.length - chars)}` },
    ...rest,
  ];
  let keptLow = 0;
  let keptHigh = first.text.length;
  let keptBest: number | null = null;
  while (keptLow <= keptHigh) {
    const middle = (keptLow + keptHigh) >> 1;
    if (build(withKept(middle)).fits) {
      keptBest = middle;
      keptLow = middle + 1;
    } else keptHigh = middle - 1;
  }
  if (keptBest === null) throw overflow(contextSize);
  const kept = withKept(keptBest);
  return { ...build(kept), turns: kept, droppedTurns: Math.max(lastUser, 0), shortenedLastTurn: true };
}

function overflow(contextSize: number): UserError {
  return new UserError(
    'context-overflow',
    `The preset's system prompts alone leave no room for a message in a context of ${contextSize} tokens. ` +
      'Load the model with a larger context size or use a preset with shorter prompts.',
  );
}
