import type { ChatTurn, EngineEvent } from '../engine/types.js';
import { UserError } from '../../shared/errors.js';

/**
 * "Continue in a new chat with a summary": what the model is asked, how long its summary may be,
 * and how the summary reaches the new chat's replies.
 */

/** Long enough for names, facts and open questions; short next to any context Rose allows. */
export const SUMMARY_MAX_TOKENS = 300;

/** The request after the conversation. It asks for the conversation's own language, not English. */
export const SUMMARY_REQUEST =
  'Write a short summary of our conversation so far, for continuing it later: the topic, the facts, names and decisions, and any open questions. Use the language the conversation is in. Reply with the summary only.';

/** The conversation's turns with the request as the last user turn (merged into a trailing one). */
export function summaryTurns(turns: readonly ChatTurn[]): ChatTurn[] {
  const last = turns.at(-1);
  if (last?.role === 'user')
    return [...turns.slice(0, -1), { role: 'user', text: `${last.text}\n\n${SUMMARY_REQUEST}` }];
  return [...turns, { role: 'user', text: SUMMARY_REQUEST }];
}

/**
 * A system prompt with the summary after it. Both ROSE runs get the same addition, so the summary
 * is context for both and the contrast between them stays the preset's.
 */
export function withSummary(systemPrompt: string, summary: string | null): string {
  if (summary === null || summary.trim() === '') return systemPrompt;
  return `${systemPrompt}\n\nThis conversation continues an earlier one. A summary of it:\n${summary}`;
}

/** The text a generation wrote, or the engine's error as a user error. */
export async function collectText(events: AsyncIterable<EngineEvent>): Promise<string> {
  let text = '';
  for await (const event of events) {
    if (event.type === 'delta') text += event.text;
    else if (event.type === 'error') throw new UserError(event.code, event.message);
    else if (event.type === 'aborted') throw new UserError('summary-stopped', 'the summary was stopped');
  }
  return text.trim();
}
