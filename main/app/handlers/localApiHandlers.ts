import type { LocalApiStatus, localApiChannels } from '../../../shared/contract/index.js';
import { UserError } from '../../../shared/errors.js';
import type { ApiKeys } from '../../services/apiKeys.js';
import type { ChannelImpls } from '../handlerTypes.js';
import type { LocalApi } from '../localApi.js';
import type { SettingsFile } from '../settingsFile.js';

export type LocalApiHandlerDeps = {
  /** null where the app does not run the local API itself (serve mode: `rose serve --api`). */
  localApi: LocalApi | null;
  keys: ApiKeys;
  settings: SettingsFile;
};

export function localApiHandlers(deps: LocalApiHandlerDeps): ChannelImpls<keyof typeof localApiChannels> {
  const status = (): LocalApiStatus => {
    const { apiEnabled, apiPort } = deps.settings.get();
    const state = deps.localApi?.state() ?? { running: false, url: null, problem: null };
    return {
      enabled: apiEnabled,
      port: apiPort,
      ...state,
      problem:
        deps.localApi === null && apiEnabled
          ? 'In a browser tab, start the API with rose serve --api.'
          : state.problem,
      keys: deps.keys
        .list()
        .map(({ id, name, createdAt, revokedAt }) => ({ id, name, createdAt, revokedAt })),
    };
  };
  return {
    'app:api.status': () => status(),
    'app:api.createKey': ({ name }) => ({ key: deps.keys.create(name).key, status: status() }),
    'app:api.revokeKey': ({ id }) => {
      if (deps.keys.revoke(id) === 0) throw new UserError('api-key-not-found', `no live API key '${id}'`);
      return status();
    },
  };
}
