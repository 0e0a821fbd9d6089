import type { ConnectionState } from '../../api/wsClient.js';
import { useApp } from '../../appContext.js';
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
  if (state === 'open' || state === 'connecting') return null;
  return (
    <div className="banner banner--warning" role="alert">
      {bannerText[state]}
    </div>
  );
}

const bannerText: Record<Exclude<ConnectionState, 'open' | 'connecting'>, string> = {
  reconnecting:
    'Lost the connection to Rose. Reconnecting… (check that `rose serve` is still running). Messages you send meanwhile wait and go out when it is back.',
  refused:
    'Cannot reach Rose. Check that `rose serve` is running, then open the address it printed (with its ?token=). Retrying…',
  'signed-out':
    'Signed out: Rose was started with a new access token (rose serve --new-token). Open the address it printed to sign in again; your conversations are kept.',
};
