import { UserError } from '../../shared/errors.js';
import type { EngineEvent, GenerationStats } from '../engine/types.js';

/**
 * Follow one generation to its end for a caller that streams it elsewhere (a comparison column,
 * an API client): each delta goes to `onDelta`, an engine error becomes its UserError, and the
 * final figures come back — also when the generation was stopped.
 */
export async function followGeneration(
  events: AsyncIterable<EngineEvent>,
  onDelta: (delta: { seq: number; text: string }) => void,
): Promise<GenerationStats> {
  for await (const event of events) {
    if (event.type === 'delta') onDelta(event);
    else if (event.type === 'error') throw new UserError(event.code, event.message);
    else if (event.type === 'done' || event.type === 'aborted') return event.stats;
  }
  throw new Error('the engine ended a generation without finishing it');
}
