import { join, resolve } from 'node:path';
import type { RoseEvent } from '../../shared/contract/index.js';
import { EngineHost } from '../engine/engineHost.js';
import { defaultThreadCount } from '../engine/threads.js';
import { createChatService } from '../services/chatService.js';
import { ModelDownloads } from '../services/modelDownloads.js';
import { ModelLibrary } from '../services/models.js';
import { LOG_FOLDER, openLogFile } from '../services/logFile.js';
import { ModelsFit } from '../services/modelsFit.js';
import { scheduleDailyBackups } from '../services/autoBackup.js';
import { claimDataFolder, describeOwner, requireDataFolder } from '../services/dataFolderOwner.js';
import { openStore } from '../services/store.js';
import { AppEngine } from './appEngine.js';
import { ChatRuns } from './chatRuns.js';
import { DeletedChats } from './deletedChats.js';
import { openGuardInWorker } from '../services/eval/guardInWorker.js';
import { EvalGuards } from './evalGuards.js';
import { EvalRuns } from './evalRuns.js';
import { planLoad } from './loadPlan.js';
import { auditAppEvents, withAuditTrail } from './auditTrail.js';
import { checkedHandlers, type Handlers } from './dispatch.js';
import { EventHub } from './eventHub.js';
import { CompareRuns } from './compareRuns.js';
import { chatHandlers } from './handlers/chatHandlers.js';
import { evalHandlers } from './handlers/evalHandlers.js';
import { compareHandlers } from './handlers/compareHandlers.js';
import { logHandlers } from './handlers/logHandlers.js';
import { modelHandlers } from './handlers/modelHandlers.js';
import { presetHandlers } from './handlers/presetHandlers.js';
import { systemHandlers } from './handlers/systemHandlers.js';
import { SettingsFile } from './settingsFile.js';
import { localApiHandlers } from './handlers/localApiHandlers.js';
import { LocalApi } from './localApi.js';
import { ApiKeys } from '../services/apiKeys.js';
import type { ChannelImpls } from './handlerTypes.js';
import { completionHandlers } from './handlers/completionHandlers.js';
import { policyHandlers } from './handlers/policyHandlers.js';
import { auditHandlers } from './handlers/auditHandlers.js';
import { familyHandlers } from './handlers/familyHandlers.js';
import { guardHandlers } from './policyGuard.js';
import { AuditLog } from '../services/audit/auditLog.js';
import { withoutPolicyReads } from '../services/audit/folderAuditLog.js';
import type { AuditSink } from '../services/audit/auditTypes.js';
import { childUsage } from '../services/family/childUsage.js';
import { dbMarkerOf, FamilyService } from '../services/family/familyService.js';
import { ModelHashes } from '../services/policy/modelHashes.js';
import { PolicyEnforcer, type Transport } from '../services/policy/policyEnforcer.js';
import {
  type FamilyProvider,
  PolicyService,
  type PolicyServiceOptions,
} from '../services/policy/policyService.js';

export type RoseConfig = {
  /** The data folder: database, models, settings. */
  dataDir: string;
  /** Decoding threads; default: the saved setting, else chosen for this machine. */
  threads?: number;
  /** A model file to register (by reference) and load at start. */
  modelPath?: string;
  /** Which shell runs the app (shown in About). */
  shell?: 'serve' | 'electron';
  /** Context size of every model load unless one is chosen at load (`--context N`); default: from the fit estimate. */
  contextSize?: number;
  /** The OpenAI-compatible API will be served too (`rose serve --api`): checked against the policy at start. */
  api?: boolean;
  /**
   * The app runs the local API itself when Settings turn it on (the desktop app; default: when
   * the shell is Electron). Serve mode uses `rose serve --api` instead.
   */
  localApi?: boolean;
  /**
   * Where unexpected errors are written; default the rotating log in `<dataDir>/logs/` (also
   * echoed to stderr). The Electron shell opens that log itself, before the app, and passes it.
   */
  log?: (message: string) => void;
  /** The folder `log` writes to, shown in About; default `<dataDir>/logs`. */
  logDir?: string;
  /** Shows a folder in the system's file manager (Electron's shell.openPath); none in serve mode. */
  openFolder?: (dir: string) => Promise<void>;
  /** How often a streaming reply is saved (ms). */
  saveIntervalMs?: number;
  /** Managed policy sources; default: the operating system's locations and ROSE_POLICY_DIR. */
  policy?: PolicyServiceOptions;
  /** Overrides the family lock's state (tests); default: the data folder's family record. */
  family?: FamilyProvider;
  /** Where the family marker outside the data folder lives; default ROSE_FAMILY_MARKER_DIR or ~/.rose-family. */
  familyMarkerRoot?: string;
  /** Where policy events and refusals are logged; default: the data folder's audit log. */
  audit?: AuditSink;
  /** Which transport carries the requests, for the audit log; default from `shell` (IPC or WebSocket). */
  transport?: Transport;
};

/** The app, composed once: a checked handler per contract channel, app events, and shutdown. */
export type Rose = {
  handlers: Handlers;
  events: { subscribe(listener: (event: RoseEvent) => void): () => void };
  /** Stop replies (saving them as stopped), free the model and close the database. */
  dispose(): Promise<void>;
};

/** Compose the services for one data folder. Transports (IPC, WebSocket) sit on top of `handlers`. */
export async function createRose(config: RoseConfig): Promise<Rose> {
  const dataDir = resolve(config.dataDir);
  const log =
    config.log ?? openLogFile({ dataDir, echo: (line) => process.stderr.write(`rose: ${line}`) }).log;
  const logDir = config.logDir ?? join(dataDir, LOG_FOLDER);
  // The app and `rose serve` must own the folder; `rose chat` owns it when nothing else does.
  const holder =
    config.shell === 'electron' ? 'the desktop app' : config.shell === 'serve' ? 'rose serve' : 'rose chat';
  const claim = config.shell
    ? requireDataFolder(dataDir, holder, log)
    : claimDataFolder(dataDir, holder, log);
  if (!claim) log(`${describeOwner(dataDir)}: its replies in progress are left alone`);
  let db: ReturnType<typeof openStore>;
  try {
    db = openStore(dataDir, { recoverInterrupted: claim !== null, onNotice: log });
  } catch (error) {
    claim?.release();
    throw error;
  }
  // The owner keeps a daily backup (the restore path for a damaged database).
  const backups = claim ? scheduleDailyBackups(db, dataDir, log) : { stop: async () => {} };
  const host = new EngineHost();
  let policy: PolicyService | null = null;
  const auditLog = new AuditLog({
    dataDir,
    withDb: (work) => work(db),
    level: () => policy?.current().values.auditLevel ?? 'metadata',
    onError: log,
  });
  const transport =
    config.transport ?? (config.shell === 'electron' ? 'ipc' : config.shell === 'serve' ? 'socket' : null);
  // A `rose …` command reads the policy once; only the running app logs policy loads.
  const audit = config.audit ?? (transport === 'cli' ? withoutPolicyReads(auditLog) : auditLog);
  const family = new FamilyService({
    dataDir,
    dbMarker: dbMarkerOf((work) => work(db)),
    audit,
    transport,
    markerRoot: config.familyMarkerRoot,
  });
  policy = new PolicyService({
    ...config.policy,
    family: config.family ?? (() => family.state()),
    audit,
  });
  try {
    await policy.reload();
    policy.start();
    const hashes = new ModelHashes();
    const enforcer = new PolicyEnforcer(policy, hashes, audit, {
      transport,
      usage: childUsage((work) => work(db)),
    });
    const settings = new SettingsFile(dataDir, log);
    const threads = () => config.threads ?? settings.get().threads ?? defaultThreadCount();
    const hub = new EventHub(log);
    hub.subscribe(auditAppEvents(audit, hashes, transport, log));
    // Windows show locks and values from the policy; tell them when it changes on disk.
    policy.onChange(() => hub.emit({ type: 'policy.changed' }));
    const library = new ModelLibrary({ dataDir });
    const downloads = new ModelDownloads(library);
    downloads.events.on('event', (event) => hub.emit({ type: 'download', event }));
    const fit = new ModelsFit(library);
    const engine = new AppEngine(
      host,
      library,
      hub,
      threads,
      (path) => planLoad(fit, path),
      log,
      config.contextSize === undefined ? {} : { contextSize: config.contextSize },
    );
    const chatService = createChatService({
      db,
      engine,
      saveIntervalMs: config.saveIntervalMs,
      policy: enforcer,
      generationDefaults: () => settings.get().generationDefaults,
      log,
    });
    const runs = new ChatRuns(db, engine, hub, log);
    const benchRuns = new EvalRuns({ db, engine, hub, library, policy: enforcer, log });
    const benchGuards = new EvalGuards({
      db,
      hub,
      openGuard: (path) => openGuardInWorker(path, threads()),
      sha256: (path) => hashes.sha256(path),
      view: (runId) => benchRuns.get(runId),
      log,
    });
    const compares = new CompareRuns();
    const defaultModelPath = () => host.model?.path ?? (config.modelPath ? resolve(config.modelPath) : null);

    // Serving to a browser and a model given at start are checked like any request.
    if (config.shell === 'serve') enforcer.requireAllowed('serveAllowed', 'serve mode');
    if (config.api) {
      enforcer.requireAllowed('apiAllowed', 'the local API');
      audit.record({ type: 'api.started', actor: 'user', transport: 'api', detail: {} });
    }
    if (config.modelPath) {
      await enforcer.checkModelFile(resolve(config.modelPath), 'the model given at start');
      await library.import(config.modelPath, { copy: false });
      await engine.load(resolve(config.modelPath));
    }

    // The local API calls the checked handlers below, like any other transport.
    const composed: { handlers: Handlers | null } = { handlers: null };
    const runsLocalApi = config.localApi ?? config.shell === 'electron';
    const localApi = runsLocalApi
      ? new LocalApi(() => ({ handlers: composed.handlers!, events: hubEvents }), dataDir, log)
      : null;
    const hubEvents = {
      subscribe: (listener: Parameters<EventHub['subscribe']>[0]) => hub.subscribe(listener),
    };

    const impls: ChannelImpls = {
      ...chatHandlers({
        db,
        chatService,
        runs,
        deleted: new DeletedChats(db),
        library,
        defaultModelPath,
        withEngine: (work) => {
          const controller = new AbortController();
          return engine.withRun(controller.signal, () => work(controller.signal));
        },
      }),
      ...presetHandlers(db),
      ...modelHandlers({ library, downloads, engine }),
      ...systemHandlers({
        db,
        dataDir,
        shell: config.shell ?? 'serve',
        settings,
        threadsInUse: () => host.model?.threads ?? threads(),
        fit,
        library,
        engine,
        hub,
        defaultModelPath,
        logDir,
        policy: enforcer,
        compares,
        onSettingsChanged: (next) => localApi?.apply(next),
      }),
      ...compareHandlers(compares),
      ...logHandlers({ logDir, openFolder: config.openFolder }),
      ...policyHandlers(policy),
      ...evalHandlers({ db, runs: benchRuns, guards: benchGuards, library, defaultModelPath }),
      ...completionHandlers({ db, engine, hub, library, policy: enforcer, audit, defaultModelPath }),
      ...localApiHandlers({ localApi, keys: new ApiKeys(dataDir), settings }),
      ...familyHandlers(family, () => hub.emit({ type: 'policy.changed' })),
      ...auditHandlers(auditLog),
    };
    // The policy guard sits under every transport: IPC, WebSocket and CLI all call these handlers.
    const handlers = checkedHandlers(
      guardHandlers(withAuditTrail(impls, audit, transport), enforcer, { db: () => db, library, family }),
      log,
    );
    composed.handlers = handlers;
    if (config.shell === 'serve')
      audit.record({ type: 'serve.started', actor: 'user', transport, detail: {} });
    if (localApi && settings.get().apiEnabled) {
      if (enforcer.values().apiAllowed) await localApi.apply(settings.get());
      else log('the local API is on in Settings but the policy does not allow it; it stays off');
    }

    let disposed: Promise<void> | null = null;
    return {
      handlers,
      events: hubEvents,
      dispose() {
        disposed ??= (async () => {
          policy.stop();
          compares.stopAll();
          await localApi?.close();
          await runs.stopAll();
          await benchRuns.stopAll();
          await benchGuards.stopAll();
          await host.dispose();
          await backups.stop();
          db.close();
          claim?.release();
        })();
        return disposed;
      },
    };
  } catch (error) {
    policy.stop();
    await host.dispose();
    await backups.stop();
    db.close();
    claim?.release();
    throw error;
  }
}
