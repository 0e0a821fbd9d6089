import { mkdirSync } from 'node:fs';
import type { logChannels } from '../../../shared/contract/index.js';
import { UserError } from '../../../shared/errors.js';
import type { ChannelImpls } from '../handlerTypes.js';

export type LogHandlerDeps = {
  logDir: string;
  /** The shell's way to show a folder (Electron: shell.openPath); absent in serve mode. */
  openFolder?: (dir: string) => Promise<void>;
};

export function logHandlers(deps: LogHandlerDeps): ChannelImpls<keyof typeof logChannels> {
  return {
    'app:logs.openFolder': async () => {
      const open = deps.openFolder;
      if (open === undefined) {
        throw new UserError(
          'log-folder-not-openable',
          `The log folder is on the computer running rose serve: ${deps.logDir}`,
        );
      }
      // Nothing may have been logged yet; the folder should open all the same.
      mkdirSync(deps.logDir, { recursive: true });
      await open(deps.logDir);
      return { dir: deps.logDir };
    },
  };
}
