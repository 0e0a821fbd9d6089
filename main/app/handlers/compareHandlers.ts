import type { compareChannels } from '../../../shared/contract/index.js';
import type { CompareRuns } from '../compareRuns.js';
import type { ChannelImpls } from '../handlerTypes.js';

export function compareHandlers(compares: CompareRuns): ChannelImpls<keyof typeof compareChannels> {
  return {
    'app:compare.stop': ({ compareId }) => ({ stopped: compares.stop(compareId) }),
  };
}
