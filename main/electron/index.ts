// Electron entry (package.json "main"): wiring only. Policies live in the pure modules beside it;
// the services are composed by createRose exactly as in serve mode.
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, type BrowserWindow, dialog, session, shell } from 'electron';
import { contentSecurityPolicy } from '../../shared/contentSecurityPolicy.js';
import { UserError } from '../../shared/errors.js';
import { createRose, type Rose } from '../app/createRose.js';
import { resolveDataDir } from '../services/dataDir.js';
import { openLogFile } from '../services/logFile.js';
import { registerAppScheme, serveRenderer } from './appProtocol.js';
import { originOf, rendererSource } from './appUrl.js';
import { createRendererCrashPolicy, describeChildGone } from './crashPolicy.js';
import { forwardEvents, registerIpcHandlers } from './ipc.js';
import { parseLaunchOptions } from './launchOptions.js';
import { createQuitGuard } from './quitGuard.js';
import { createSafetyNet } from './safetyNet.js';
import { spellcheckPolicy } from './spellcheckPolicy.js';
import { createMainWindow, hardenSession } from './window.js';

/** Until the data folder (and so the log file) is known, stderr only. */
let log: (message: string) => void = (message) => process.stderr.write(`rose: ${message}\n`);
const preloadPath = fileURLToPath(new URL('./preload.cjs', import.meta.url));
const rendererRoot = fileURLToPath(new URL('../../renderer/', import.meta.url));
const linuxIcon = fileURLToPath(new URL('../../../assets/build/icon.png', import.meta.url));

/** What the safety net must close; filled in as the app starts. */
const running: { rose: Rose | null; removeIpcHandlers: () => void } = {
  rose: null,
  removeIpcHandlers: () => {},
};
const closeData = async () => {
  running.removeIpcHandlers();
  await running.rose?.dispose(); // stops replies (kept as stopped), frees the model, closes the database
};

function fatal(title: string, error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  log(`${title}: ${error instanceof Error ? (error.stack ?? message) : message}`);
  if (app.isReady()) dialog.showErrorBox(title, message);
  app.exit(1);
}

async function start(dataDir: string, logDir: string, engine: { modelPath?: string; threads?: number }) {
  const source = rendererSource(process.env.ROSE_DEV_SERVER_URL, app.isPackaged);
  const csp = contentSecurityPolicy(
    source.kind === 'devServer' ? { devServerOrigin: originOf(source.url) } : {},
  );
  const windows = new Set<BrowserWindow>();
  const crashes = createRendererCrashPolicy({ logDir });
  let quitting = false;

  const guard = createQuitGuard({ cleanup: closeData, quit: () => app.quit(), timeoutMs: 10_000, log });
  app.on('before-quit', (event) => {
    quitting = true;
    guard.beforeQuit(event);
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  // Safety net for any web contents, including ones Rose never meant to create.
  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
  app.on('child-process-gone', (_event, details) => {
    const line = describeChildGone(details);
    if (line) log(line);
  });

  const openWindow = (current: Rose) => {
    const window = createMainWindow({
      preloadPath,
      source,
      spellcheck: spellcheckPolicy(process.platform).enabled,
      icon: process.platform === 'linux' ? linuxIcon : undefined,
    });
    windows.add(window);
    forwardEvents(current, window);
    window.webContents.on('render-process-gone', (_event, details) => {
      const decision = crashes.decide(details, Date.now(), quitting);
      if (decision.action === 'none' || window.isDestroyed()) return;
      log(decision.log);
      if (decision.action === 'reload') window.webContents.reload();
      void dialog.showMessageBox(window, {
        type: decision.action === 'reload' ? 'warning' : 'error',
        title: 'Rose',
        message: decision.message,
      });
    });
    window.once('closed', () => windows.delete(window));
  };
  app.on('second-instance', () => {
    const [window] = windows;
    if (window === undefined) {
      if (running.rose) openWindow(running.rose);
      return;
    }
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('activate', () => {
    if (windows.size === 0 && running.rose) openWindow(running.rose);
  });

  await app.whenReady();
  hardenSession(session.defaultSession, csp);
  serveRenderer(rendererRoot, csp);
  const rose = await createRose({
    dataDir,
    shell: 'electron',
    log,
    logDir,
    openFolder: async (dir) => {
      const failure = await shell.openPath(dir);
      if (failure) throw new UserError('open-folder-failed', `Could not open ${dir}: ${failure}`);
    },
    ...engine,
  });
  running.rose = rose;
  running.removeIpcHandlers = registerIpcHandlers({
    rose,
    appUrl: source.url,
    ownsContents: (contents) => [...windows].some((w) => !w.isDestroyed() && w.webContents === contents),
    log,
  });
  openWindow(rose);
}

try {
  const launch = parseLaunchOptions(process.argv.slice(1));
  const dataDir = resolve(resolveDataDir(launch.dataDir)); // setPath needs an absolute path
  const logFile = openLogFile({ dataDir, echo: (line) => process.stderr.write(`rose: ${line}`) });
  log = logFile.log;
  const net = createSafetyNet({
    log,
    logDir: logFile.dir,
    cleanup: closeData,
    exit: (code) => app.exit(code),
    tell: async ({ title, message, fatal: isFatal }) => {
      if (!app.isReady()) return;
      if (isFatal) dialog.showErrorBox(title, message);
      else await dialog.showMessageBox({ type: 'warning', title, message });
    },
  });
  process.on('uncaughtException', (error) => void net.uncaughtException(error));
  process.on('unhandledRejection', (reason) => net.unhandledRejection(reason));
  log(`starting Rose (Electron ${process.versions.electron}) with data in ${dataDir}`);

  app.setName('Rose');
  // Chromium's profile (and the single-instance lock) sit in the data folder: one Rose per folder.
  app.setPath('userData', dataDir);
  app.setPath('sessionData', join(dataDir, 'browser'));
  app.enableSandbox();
  registerAppScheme();
  if (!app.requestSingleInstanceLock()) {
    app.quit();
  } else {
    start(dataDir, logFile.dir, { modelPath: launch.modelPath, threads: launch.threads }).catch(
      (error: unknown) => fatal('Rose could not start', error),
    );
  }
} catch (error) {
  fatal('Rose could not start', error);
}
