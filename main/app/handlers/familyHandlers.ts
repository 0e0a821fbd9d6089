import type { familyChannels } from '../../../shared/contract/index.js';
import type { FamilyService } from '../../services/family/familyService.js';
import type { ChannelImpls } from '../handlerTypes.js';

/**
 * The family lock's channels; every rule (PIN, lockout, parent session) is in the service. A
 * change of child mode, the parent session or the family's values changes what is locked, so
 * windows are told (`changed`) to read the policy again.
 */
export function familyHandlers(
  family: FamilyService,
  changed: () => void,
): ChannelImpls<keyof typeof familyChannels> {
  const telling = async <T>(work: () => T | Promise<T>): Promise<T> => {
    try {
      return await work();
    } finally {
      changed();
    }
  };
  return {
    'app:family.status': () => family.status(),
    'app:family.setPin': ({ pin, currentPin }) => telling(() => family.setPin(pin, currentPin)),
    'app:family.unlock': ({ pin }) => telling(() => family.unlock(pin)),
    'app:family.lock': () => telling(() => family.lock()),
    'app:family.setChildMode': ({ on }) => telling(() => family.setChildMode(on)),
    'app:family.set': ({ key, value }) => telling(() => family.set(key, value)),
    'app:family.recover': ({ code }) => telling(() => family.recover(code)),
  };
}
