import type { StreamPhase } from '../stores/streamReducer.js';
import type { StreamsState } from '../stores/streamsStore.js';

const said: Partial<Record<StreamPhase, string>> = {
  complete: 'Reply finished',
  stopped: 'Reply stopped',
  error: 'Reply failed',
};

/**
 * What a screen reader should hear when replies end between two states of the streams: "Reply
 * finished" (or stopped, failed) for each reply of `shown` that ended, null when none did.
 */
export function replyAnnouncement(
  before: StreamsState,
  after: StreamsState,
  shown: (messageId: number) => boolean,
): string | null {
  for (const [id, stream] of Object.entries(after)) {
    const text = said[stream.phase];
    const was = before[Number(id)];
    if (text && shown(Number(id)) && (was === undefined || !(was.phase in said))) return text;
  }
  return null;
}
