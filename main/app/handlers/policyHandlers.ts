import type { policyChannels } from '../../../shared/contract/index.js';
import type { PolicyService } from '../../services/policy/policyService.js';
import { policyView } from '../../services/policy/policyView.js';
import type { ChannelImpls } from '../handlerTypes.js';

export function policyHandlers(policy: PolicyService): ChannelImpls<keyof typeof policyChannels> {
  return {
    'app:policy.get': () => policyView(policy.current()),
    'app:policy.reload': async () => policyView(await policy.reload()),
  };
}
