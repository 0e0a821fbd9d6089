import type { RoseApi } from '../../../shared/contract/index.js';
import type { Store } from '../stores/createStore.js';
import { takeTokenFromPage } from './tokenFromPage.js';
import { type ConnectionState, createWsClient } from './wsClient.js';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in a browser, where the WebSocket client stands in. */
    rose?: RoseApi;
  }
}

export type RoseConnection = {
  api: RoseApi;
  /** null in Electron (IPC is always there); the socket's state in a browser. */
  connection: Store<ConnectionState> | null;
  /** True when served by `rose serve` (the browser build). */
  browser: boolean;
};

/** The Electron preload's API when there is one, else the serve-mode WebSocket client. */
export function connectToRose(): RoseConnection {
  if (window.rose) return { api: window.rose, connection: null, browser: false };
  const client = createWsClient({ pageUrl: window.location.href, token: takeTokenFromPage() });
  return { api: client.api, connection: client.connection, browser: true };
}
