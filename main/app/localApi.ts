import type { Settings } from '../../shared/contract/index.js';
import { type RunningServer, startRoseServer } from '../server/roseServer.js';
import { ApiKeys } from '../services/apiKeys.js';
import type { Rose } from './createRose.js';

/** What the Settings page shows about the desktop app's local API. */
export type LocalApiState = { running: boolean; url: string | null; problem: string | null };

/**
 * The desktop app's OpenAI-compatible API (Settings → Local API, off by default): an API-only
 * server on 127.0.0.1 over the same handlers as the window, so the same validation and policy
 * apply. Started, moved or stopped whenever the settings change; a port in use is reported, not thrown.
 */
export class LocalApi {
  private server: RunningServer | null = null;
  private port: number | null = null;
  private problem: string | null = null;
  private changing: Promise<void> = Promise.resolve();

  constructor(
    private readonly rose: () => Pick<Rose, 'handlers' | 'events'>,
    private readonly dataDir: string,
    private readonly log: (message: string) => void,
  ) {}

  /** Bring the server in line with the settings (serialised: two quick changes apply in order). */
  apply(settings: Pick<Settings, 'apiEnabled' | 'apiPort'>): Promise<void> {
    this.changing = this.changing.then(() => this.applyNow(settings));
    return this.changing;
  }

  state(): LocalApiState {
    return { running: this.server !== null, url: this.server?.apiUrl ?? null, problem: this.problem };
  }

  close(): Promise<void> {
    return this.apply({ apiEnabled: false, apiPort: 0 });
  }

  private async applyNow({ apiEnabled, apiPort }: Pick<Settings, 'apiEnabled' | 'apiPort'>): Promise<void> {
    if (this.server && (!apiEnabled || apiPort !== this.port)) {
      await this.server.close();
      this.server = null;
      this.port = null;
    }
    this.problem = null;
    if (!apiEnabled || this.server) return;
    try {
      this.server = await startRoseServer({
        rose: this.rose(),
        host: '127.0.0.1',
        port: apiPort,
        token: null,
        rendererDir: '',
        api: { keys: new ApiKeys(this.dataDir) },
        apiOnly: true,
      });
      this.port = apiPort;
      this.log(`local API at ${this.server.apiUrl}`);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      this.problem =
        code === 'EADDRINUSE'
          ? `Port ${apiPort} is in use by another program; choose another port.`
          : `The local API could not start: ${(error as Error).message}`;
      this.log(this.problem);
    }
  }
}
