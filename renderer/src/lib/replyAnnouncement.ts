import { i18n } from '../i18n/index.js';
import type { StreamPhase } from '../stores/streamReducer.js';
import type { StreamsState } from '../stores/streamsStore.js';

/** The phases that end a reply; each is announced with its text `chat.announce.<phase>`. */
type EndPhase = Extract<StreamPhase, 'complete' | 'stopped' | 'error'>;
const endPhases: ReadonlySet<StreamPhase> = new Set<EndPhase>(['complete', 'stopped', 'error']);
const ends = (phase: StreamPhase): phase is EndPhase => endPhases.has(phase);

/**
 * What a screen reader should hear when replies end between two states of the streams: "Reply
 * finished" (or stopped, failed) for each reply of `shown` that ended, null when none did. It is
 * said once, when it happens, so it is written in the interface's language of that moment.
 */
export function replyAnnouncement(
  before: StreamsState,
  after: StreamsState,
  shown: (messageId: number) => boolean,
): string | null {
  for (const [id, stream] of Object.entries(after)) {
    const was = before[Number(id)];
    if (ends(stream.phase) && shown(Number(id)) && (was === undefined || !ends(was.phase)))
      return i18n.t(`chat.announce.${stream.phase}`);
  }
  return null;
}
