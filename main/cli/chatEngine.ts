import { resolve } from 'node:path';
import { basename } from 'node:path';
import type { EngineHost } from '../engine/engineHost.js';
import { readRegistry } from '../models/registry.js';
import { sha256File } from '../models/sha256.js';
import type { ChatEngine, ModelIdentity } from '../services/chatService.js';

/**
 * The chat service's engine for the CLI: the decoding worker host, loading the conversation's model
 * on first use. The model's sha256 comes from the models registry when the model is registered
 * there, else it is computed once per run (large files take a few seconds).
 */
export function createCliChatEngine(host: EngineHost, dataDir: string, threads: number): ChatEngine {
  const identities = new Map<string, ModelIdentity>();
  return {
    generate: (request) => host.generate(request),
    abort: (generationId) => host.abort(generationId),
    async prepareModel(modelPath) {
      const path = resolve(modelPath);
      if (host.model?.path !== path && host.model?.path !== modelPath)
        await host.loadModel({ path, threads });
      let identity = identities.get(path);
      if (!identity) {
        const registered = (await readRegistry(dataDir)).models.find((m) => resolve(m.path) === path);
        identity = { fileName: basename(path), sha256: registered?.sha256 ?? (await sha256File(path)) };
        identities.set(path, identity);
      }
      return identity;
    },
  };
}
