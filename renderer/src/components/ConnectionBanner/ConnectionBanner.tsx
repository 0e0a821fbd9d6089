import type { ConnectionState } from '../../api/wsClient.js';
import { useApp } from '../../appContext.js';
import { useTranslation } from '../../i18n/index.js';
import { createStore, useStore } from '../../stores/createStore.js';

const alwaysOpen = createStore<ConnectionState>('open');

/** The connection to Rose: always open in the desktop app, the socket's state in a browser. */
export function useConnectionState(): ConnectionState {
  const app = useApp();
  return useStore(app.connection ?? alwaysOpen);
}

/** In a browser: says when the socket to `rose serve` is down and what to do about it. */
export function ConnectionBanner() {
  const state = useConnectionState();
  const { t } = useTranslation();
  if (state === 'open' || state === 'connecting') return null;
  return (
    <div className="banner banner--warning" role="alert">
      {t(bannerKey[state])}
    </div>
  );
}

const bannerKey = {
  reconnecting: 'app.connection.reconnecting',
  refused: 'app.connection.refused',
  'signed-out': 'app.connection.signedOut',
} as const satisfies Record<Exclude<ConnectionState, 'open' | 'connecting'>, string>;
