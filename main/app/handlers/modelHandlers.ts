import { expandHome } from '../../files/expandHome.js';
import { resolve } from 'node:path';
import type { modelChannels } from '../../../shared/contract/index.js';
import { UserError } from '../../../shared/errors.js';
import type { ModelDownloads } from '../../services/modelDownloads.js';
import type { ModelLibrary } from '../../services/models.js';
import type { AppEngine } from '../appEngine.js';
import type { ChannelImpls } from '../handlerTypes.js';

export function modelHandlers(deps: {
  library: ModelLibrary;
  downloads: ModelDownloads;
  engine: AppEngine;
}): ChannelImpls<keyof typeof modelChannels> {
  const { library, downloads, engine } = deps;
  return {
    'app:models.list': () => library.list(),
    'app:models.catalog': async () => (await library.catalog()).models,
    'app:models.import': ({ path, copy }) => library.import(expandHome(path), { copy: copy ?? false }),
    'app:models.remove': async ({ modelId }) => {
      const model = await library.get(modelId);
      const loaded = await engine.current();
      if (loaded && loaded.path === resolve(model.path)) {
        if (engine.busy)
          throw new UserError(
            'model-busy',
            'this model is writing a reply; stop it before removing the model',
          );
        // A removed model does not stay in memory (or on screen as "Loaded").
        await engine.unload(resolve(model.path));
      }
      return library.remove(modelId);
    },
    'app:models.load': async ({ modelId, contextSize, gpuLayers }) => {
      const model = await library.get(modelId);
      if (model.missing) throw new UserError('model-missing', `the file ${model.path} is missing`);
      return engine.load(resolve(model.path), { contextSize, gpuLayers });
    },
    'app:models.current': () => engine.current(),
    'app:models.download': async (request) => {
      const { downloadId, uri } = await downloads.start(request);
      return { downloadId, uri };
    },
    'app:models.cancelDownload': async ({ downloadId, keepPartial }) => {
      await downloads.cancel(downloadId, { keepPartial });
      return { cancelled: true as const };
    },
    'app:models.pauseDownload': ({ downloadId }) => {
      downloads.pause(downloadId);
      return { paused: true as const };
    },
    'app:models.resumeDownload': ({ downloadId }) => {
      downloads.resume(downloadId);
      return { resumed: true as const };
    },
    'app:models.downloads': async () =>
      (await downloads.pending()).map(({ uri, fileName, startedAt, active, downloadId }) => ({
        uri,
        fileName,
        startedAt,
        active,
        downloadId,
      })),
  };
}
