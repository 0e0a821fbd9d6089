// Electron entry (package.json "main"): wiring only. Policies live in the pure modules beside it;
// the services are composed by createRose exactly as in serve mode.
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, type BrowserWindow, dialog, session } from 'electron';
import { contentSecurityPolicy } from '../../shared/contentSecurityPolicy.js';
import { createRose, type Rose } from '../app/createRose.js';
import { resolveDataDir } from '../services/dataDir.js';
import { registerAppScheme, serveRenderer } from './appProtocol.js';
import { originOf, rendererSource } from './appUrl.js';
import { forwardEvents, registerIpcHandlers } from './ipc.js';
import { parseLaunchOptions } from './launchOptions.js';
import { createQuitGuard } from './quitGuard.js';
import { createMainWindow, hardenSession } from './window.js';

const log = (message: string) => process.stderr.write(`rose: ${message}\n`);
const preloadPath = fileURLToPath(new URL('./preload.cjs', import.meta.url));
const rendererRoot = fileURLToPath(new URL('../../renderer/', import.meta.url));

function fatal(title: string, error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  log(`${title}: ${error instanceof Error ? (error.stack ?? message) : message}`);
  if (app.isReady()) dialog.showErrorBox(title, message);
  app.exit(1);
}

async function start(dataDir: string, engine: { modelPath?: string; threads?: number }): Promise<void> {
  const source = rendererSource(process.env.ROSE_DEV_SERVER_URL, app.isPackaged);
  const csp = contentSecurityPolicy(
    source.kind === 'devServer' ? { devServerOrigin: originOf(source.url) } : {},
  );
  const windows = new Set<BrowserWindow>();
  let rose: Rose | null = null;
  let removeIpcHandlers = () => {};

  const guard = createQuitGuard({
    cleanup: async () => {
      removeIpcHandlers();
      await rose?.dispose(); // stops replies (kept as stopped), frees the model, closes the database
    },
    quit: () => app.quit(),
    timeoutMs: 10_000,
    log,
  });
  app.on('before-quit', (event) => guard.beforeQuit(event));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  // Safety net for any web contents, including ones Rose never meant to create.
  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });

  const openWindow = (current: Rose) => {
    const window = createMainWindow({ preloadPath, source });
    windows.add(window);
    forwardEvents(current, window);
    window.once('closed', () => windows.delete(window));
  };
  app.on('second-instance', () => {
    const [window] = windows;
    if (window === undefined) {
      if (rose) openWindow(rose);
      return;
    }
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('activate', () => {
    if (windows.size === 0 && rose) openWindow(rose);
  });

  await app.whenReady();
  hardenSession(session.defaultSession, csp);
  serveRenderer(rendererRoot, csp);
  rose = await createRose({ dataDir, shell: 'electron', log, ...engine });
  removeIpcHandlers = registerIpcHandlers({
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
  app.setName('Rose');
  // Chromium's profile (and the single-instance lock) sit in the data folder: one Rose per folder.
  app.setPath('userData', dataDir);
  app.setPath('sessionData', join(dataDir, 'browser'));
  app.enableSandbox();
  registerAppScheme();
  if (!app.requestSingleInstanceLock()) {
    app.quit();
  } else {
    start(dataDir, { modelPath: launch.modelPath, threads: launch.threads }).catch((error: unknown) =>
      fatal('Rose could not start', error),
    );
  }
} catch (error) {
  fatal('Rose could not start', error);
}
