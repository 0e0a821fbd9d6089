/**
 * Runs one real model download (the library and download service, not a stand-in) in its own
 * process, printing every DownloadEvent as a JSON line on stdout, so a test can SIGKILL it
 * mid-way and start it again. Usage: node downloadChild.js DATA_DIR URI [SHA256]
 * Small chunks (64 KiB) so a few-megabyte test model spans many resumable pieces.
 */
import { ModelDownloads } from '../../main/services/modelDownloads.js';
import { ModelLibrary } from '../../main/services/models.js';

const [dataDir, uri, sha256] = process.argv.slice(2);
if (!dataDir || !uri) throw new Error('usage: downloadChild DATA_DIR URI [SHA256]');

const downloads = new ModelDownloads(new ModelLibrary({ dataDir }), {
  chunkBytes: 64 * 1024,
  connections: 2,
  progressIntervalMs: 0,
  retry: { retries: 2, minDelayMs: 20, maxDelayMs: 100, factor: 2 },
});
downloads.events.on('event', (event) => process.stdout.write(`${JSON.stringify(event)}\n`));
const handle = await downloads.start({ uri, ...(sha256 ? { sha256 } : {}) });
try {
  await handle.done;
} catch {
  process.exitCode = 1;
}
