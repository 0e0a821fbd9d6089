import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import type { Settings, systemChannels } from '../../../shared/contract/index.js';
import type { HardwareInfo } from '../../../shared/models.js';
import { UserError } from '../../../shared/errors.js';
import type { Db } from '../../db/database.js';
import { installedNodeLlamaCpp } from '../../engine/ffi/library.js';
import type { ModelLibrary } from '../../services/models.js';
import type { ModelsFit } from '../../services/modelsFit.js';
import type { PolicyEnforcer } from '../../services/policy/policyEnforcer.js';
import type { AppEngine } from '../appEngine.js';
import { appVersion } from '../appVersion.js';
import { runCompare } from '../compare.js';
import type { CompareRuns } from '../compareRuns.js';
import type { EventHub } from '../eventHub.js';
import type { ChannelImpls } from '../handlerTypes.js';
import type { SettingsFile } from '../settingsFile.js';

export type SystemHandlerDeps = {
  db: Db;
  dataDir: string;
  shell: 'serve' | 'electron';
  settings: SettingsFile;
  threadsInUse: () => number;
  fit: ModelsFit;
  library: ModelLibrary;
  engine: AppEngine;
  hub: EventHub;
  defaultModelPath: () => string | null;
  policy?: PolicyEnforcer;
  logDir: string;
  compares: CompareRuns;
  /** After settings change (the local API follows its switch and port). */
  onSettingsChanged?: (settings: Settings) => Promise<void> | undefined;
};

export function systemHandlers(deps: SystemHandlerDeps): ChannelImpls<keyof typeof systemChannels> {
  let hardware: HardwareInfo | null = null;
  const settingsView = () => ({
    ...deps.settings.get(),
    dataDir: deps.dataDir,
    threadsInUse: deps.threadsInUse(),
  });
  return {
    'app:hardware.get': async ({ contextSize }) => {
      const report = await deps.fit.report(contextSize);
      hardware = report.hardware;
      return report;
    },
    'app:settings.get': () => settingsView(),
    'app:settings.set': async (patch) => {
      const next = deps.settings.update(patch);
      await deps.onSettingsChanged?.(next);
      return settingsView();
    },
    'app:app.info': async () => {
      const model = await deps.engine.current();
      // Detected once per run (node-llama-cpp probes the GPU backends), then kept.
      hardware ??= await deps.fit.hardware();
      return {
        appVersion: appVersion(),
        nodeVersion: process.versions.node,
        electronVersion: process.versions.electron ?? null,
        llamaVersion: installedNodeLlamaCpp().version,
        shell: deps.shell,
        logitsSource: model?.logitsSource ?? null,
        logitsSourceReason: model?.logitsSourceReason ?? null,
        gpu: { kind: hardware.gpu.kind, deviceNames: hardware.gpu.deviceNames },
        dataDir: deps.dataDir,
        logDir: deps.logDir,
      };
    },
    'app:compare.run': async ({ modelId, ...input }) => {
      const modelPath =
        modelId === undefined ? deps.defaultModelPath() : resolve((await deps.library.get(modelId)).path);
      if (!modelPath)
        throw new UserError('no-model', 'No model is loaded. Choose a model on the Models page first.');
      const compareId = input.compareId ?? randomUUID();
      return deps.compares.run(compareId, (signal) =>
        runCompare(
          { db: deps.db, engine: deps.engine, hub: deps.hub, modelPath, policy: deps.policy, signal },
          { ...input, compareId },
        ),
      );
    },
  };
}
