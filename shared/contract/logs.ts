import { z } from 'zod';
import { channel } from './channel.js';

/** Rose's log files (logs/rose.log in the data folder, rotated by size). */
export const logChannels = {
  /**
   * Open the log folder in the system's file manager. Only the desktop app can; in serve mode the
   * folder is on the machine running `rose serve`, and the answer is a `log-folder-not-openable`
   * error naming the path (the About box shows it either way).
   */
  'app:logs.openFolder': channel<{ dir: string }>()(z.strictObject({}).default({})),
};
