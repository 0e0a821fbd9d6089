import { z } from 'zod';
import { channel } from './channel.js';

/** The compare tool's controls beside `app:compare.run` (see system.ts). */
export const compareChannels = {
  /**
   * Stop the comparison started with `compareId`: the answer being written ends within one
   * decoding step and keeps its text; a side not started yet is not run. `app:compare.run` then
   * answers with both sides, the stopped ones marked `aborted`. False when none is running.
   */
  'app:compare.stop': channel<{ stopped: boolean }>()(
    z.strictObject({
      compareId: z
        .string({ error: 'the compare id must be text' })
        .min(1, { error: 'the compare id must not be empty' })
        .max(100, { error: 'the compare id is too long' }),
    }),
  ),
};
