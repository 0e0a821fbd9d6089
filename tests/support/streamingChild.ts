/**
 * Child process for the crash-safety test: continues a stored conversation with a reply that never
 * ends (a slow scripted generator), saving it through the chat service every 100 ms, and prints
 * `saved N` after each save so the parent can kill it mid-reply at a known point.
 * Usage: node streamingChild.js DATA_DIR CONVERSATION_ID
 */
import { pathToFileURL } from 'node:url';
import type { EngineEvent } from '../../main/engine/types.js';
import { createChatService } from '../../main/services/chatService.js';
import { openStore } from '../../main/services/store.js';
import { asConversationId } from '../../shared/domain.js';

/** The reply's text is fixed, so the parent can check that what survived is a prefix of it. */
export const wordAt = (i: number) => `word${i} `;

// Runs only as the child's entry point: the test imports this module for `wordAt`.
const [dataDir, conversationId] = process.argv.slice(2);
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href && dataDir && conversationId) {
  const db = openStore(dataDir);
  const chat = createChatService({
    db,
    saveIntervalMs: 100,
    engine: {
      prepareModel: async (path) => ({ fileName: path, sha256: null }),
      async *generate(): AsyncGenerator<EngineEvent> {
        const generationId = 'endless';
        yield { type: 'started', generationId, logitsSource: 'api', promptTokens: 1 };
        for (let seq = 0; ; seq++) {
          await new Promise((resolve) => setTimeout(resolve, 10));
          yield { type: 'delta', generationId, seq, text: wordAt(seq) };
        }
      },
    },
  });
  await chat.sendMessage(
    { conversationId: asConversationId(Number(conversationId)), text: 'please keep talking' },
    (event) => {
      if (event.type === 'saved') process.stdout.write(`saved ${event.chars}\n`);
    },
  );
}
