import { BrowserWindow, type Session, shell } from 'electron';
import { isSameAppOrigin, type RendererSource } from './appUrl.js';
import {
  allowPermission,
  decideExternalOpen,
  decideNavigation,
  type LeaveDecision,
} from './navigationPolicy.js';
import { spellcheckPolicy } from './spellcheckPolicy.js';

function carryOut(decision: LeaveDecision): void {
  if (decision.action === 'openExternally') void shell.openExternal(decision.url);
}

/**
 * Session-wide rules: every response gets the CSP (covers the Vite dev server; the rose: protocol
 * sets it itself), every permission request is refused, no web view can be attached, and the
 * spellchecker never fetches dictionaries from the network.
 */
export function hardenSession(session: Session, csp: string): void {
  const spellcheck = spellcheckPolicy(process.platform);
  session.setSpellCheckerEnabled(spellcheck.enabled);
  if (spellcheck.dictionaryUrl) session.setSpellCheckerDictionaryDownloadURL(spellcheck.dictionaryUrl);
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers = { ...details.responseHeaders };
    for (const name of Object.keys(headers)) {
      if (name.toLowerCase() === 'content-security-policy') delete headers[name];
    }
    callback({ responseHeaders: { ...headers, 'Content-Security-Policy': [csp] } });
  });
  session.setPermissionRequestHandler((_contents, permission, callback) =>
    callback(allowPermission(permission)),
  );
  session.setPermissionCheckHandler((_contents, permission) => allowPermission(permission));
}

/**
 * The chat window: sandboxed renderer with context isolation and no Node, a preload that exposes
 * only `window.rose`, no navigation away from the app and no new windows (web links go to the
 * system browser).
 */
export function createMainWindow(options: {
  preloadPath: string;
  source: RendererSource;
  /** spellcheckPolicy.ts: on only where the dictionaries are local (macOS). */
  spellcheck: boolean;
  /** The window icon on Linux (macOS and Windows take it from the app bundle). */
  icon?: string;
}): BrowserWindow {
  const window = new BrowserWindow({
    width: 1200,
    height: 820,
    minWidth: 560,
    minHeight: 420,
    title: 'Rose',
    show: false,
    ...(options.icon ? { icon: options.icon } : {}),
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: options.spellcheck,
    },
  });
  const contents = window.webContents;
  contents.setWindowOpenHandler(({ url }) => {
    carryOut(decideExternalOpen(url));
    return { action: 'deny' };
  });
  const guardNavigation = (event: { preventDefault(): void; url: string }) => {
    event.preventDefault();
    carryOut(decideNavigation(event.url, options.source.url));
  };
  contents.on('will-navigate', guardNavigation);
  // Redirects while loading the app itself are fine; one that would leave the app is not.
  contents.on('will-redirect', (event) => {
    if (!isSameAppOrigin(event.url, options.source.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  window.once('ready-to-show', () => window.show());
  void window.loadURL(options.source.url);
  return window;
}
