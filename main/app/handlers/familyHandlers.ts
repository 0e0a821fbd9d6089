import type { familyChannels } from '../../../shared/contract/index.js';
import type { FamilyService } from '../../services/family/familyService.js';
import type { ChannelImpls } from '../handlerTypes.js';

/** The family lock's channels; every rule (PIN, lockout, parent session) is in the service. */
export function familyHandlers(family: FamilyService): ChannelImpls<keyof typeof familyChannels> {
  return {
    'app:family.status': () => family.status(),
    'app:family.setPin': ({ pin, currentPin }) => family.setPin(pin, currentPin),
    'app:family.unlock': ({ pin }) => family.unlock(pin),
    'app:family.lock': () => family.lock(),
    'app:family.setChildMode': ({ on }) => family.setChildMode(on),
    'app:family.set': ({ key, value }) => family.set(key, value),
    'app:family.recover': ({ code }) => family.recover(code),
  };
}
