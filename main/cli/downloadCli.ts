import type { DownloadEvent } from '../../shared/models.js';
import { ModelDownloads } from '../services/modelDownloads.js';
import type { ModelLibrary } from '../services/models.js';
import { formatDownloadEvent } from './modelsFormat.js';
import { printJson } from './store.js';

/**
 * `rose models download URI`: progress on stderr (JSON lines with --json), the model on stdout.
 * Ctrl-C keeps the partial file, so running the same command again resumes.
 */
export async function runDownload(
  library: ModelLibrary,
  uri: string,
  { sha256, json, timeoutMs }: { sha256?: string; json: boolean; timeoutMs?: number },
): Promise<number> {
  const downloads = new ModelDownloads(
    library,
    timeoutMs === undefined ? {} : { timeouts: { answerMs: timeoutMs, idleMs: timeoutMs } },
  );
  downloads.events.on('event', (event: DownloadEvent) => {
    if (json) {
      process.stderr.write(`${JSON.stringify(event)}\n`);
      return;
    }
    const line = formatDownloadEvent(event);
    if (line) process.stderr.write(`${line}\n`);
  });
  const handle = await downloads.start({ uri, ...(sha256 ? { sha256 } : {}) });
  const stop = () => {
    process.stderr.write('stopping; the partial file is kept — run the same command again to resume\n');
    void downloads.cancel(handle.downloadId, { keepPartial: true }).catch(() => undefined);
  };
  process.once('SIGINT', stop);
  try {
    const model = await handle.done;
    if (json) printJson(model);
    else
      process.stdout.write(
        `ready: ${model.id} ${model.path}\nsha256 ${model.sha256} (${model.sha256Source})\n`,
      );
    return 0;
  } finally {
    process.off('SIGINT', stop);
  }
}
