/**
 * Child-process entry that reads a GGUF file's metadata with node-llama-cpp. A damaged or hostile
 * file can make that reader abort its process (a Node assertion is not an exception), so it runs
 * here, never in the app. Receives one path, answers one message.
 */
import { type GgufFileInfo, readGgufFileInfo } from 'node-llama-cpp';

/** What the child answers. */
export type GgufInfoAnswer = { ok: true; fileInfo: GgufFileInfo } | { ok: false; message: string };

process.once('message', (path) => {
  readGgufFileInfo(String(path), {
    logWarnings: false,
    sourceType: 'filesystem',
    spliceSplitFiles: false,
  }).then(
    (fileInfo) => process.send?.({ ok: true, fileInfo } satisfies GgufInfoAnswer, () => process.exit(0)),
    (error: unknown) =>
      process.send?.(
        { ok: false, message: (error as Error)?.message ?? String(error) } satisfies GgufInfoAnswer,
        () => process.exit(0),
      ),
  );
});
