import type { completionChannels } from '../../../shared/contract/index.js';
import { type CompletionDeps, createCompletions } from '../completions.js';
import type { ChannelImpls } from '../handlerTypes.js';

export function completionHandlers(deps: CompletionDeps): ChannelImpls<keyof typeof completionChannels> {
  const completions = createCompletions(deps);
  return {
    'app:completions.create': (input) => completions.create(input),
    'app:completions.cancel': ({ completionId }) => completions.cancel(completionId),
  };
}
