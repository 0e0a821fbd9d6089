import type { ConnectionState } from '../../api/wsClient.js';
import { useApp } from '../../appContext.js';
import { createStore, useStore } from '../../stores/createStore.js';

const alwaysOpen = createStore<ConnectionState>('open');

/** In a browser: says when the socket to `rose serve` is down and what to do about it. */
export function ConnectionBanner() {
  const app = useApp();
  const state = useStore(app.connection ?? alwaysOpen);
  if (state === 'open' || state === 'connecting') return null;
  return (
    <div className="banner banner--warning" role="alert">
      {state === 'reconnecting'
        ? 'Lost the connection to Rose. Reconnecting… (check that `rose serve` is still running)'
        : 'Cannot reach Rose. Check that `rose serve` is running, then open the address it printed (with its ?token=). Retrying…'}
    </div>
  );
}
