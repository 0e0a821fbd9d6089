import type { Channel, RequestOf, ResponseOf } from '../../shared/contract/index.js';
import { UserError } from '../../shared/errors.js';
import { createRose, type Rose, type RoseConfig } from '../app/createRose.js';
import { resolveDataDir } from '../services/dataDir.js';

/**
 * The CLI as a transport of the same contract as the window and the browser: one `createRose`
 * for the data folder, every request through its checked (and policy-guarded) handlers.
 */
export type CliRose = {
  rose: Rose;
  dataDir: string;
  /** Call a channel; a refusal becomes a UserError (one line on stderr, exit code 2). */
  call<C extends Channel>(channel: C, input: RequestOf<C>): Promise<ResponseOf<C>>;
};

export async function withCliRose<T>(
  config: Omit<RoseConfig, 'dataDir'> & { dataDir?: string },
  work: (cli: CliRose) => Promise<T>,
): Promise<T> {
  const dataDir = resolveDataDir(config.dataDir);
  const rose = await createRose({ transport: 'cli', ...config, dataDir });
  try {
    return await work({
      rose,
      dataDir,
      async call(channel, input) {
        const result = await rose.handlers[channel](input);
        if (!result.ok) throw new UserError(result.error.code, result.error.message);
        return result.value as never;
      },
    });
  } finally {
    await rose.dispose();
  }
}
