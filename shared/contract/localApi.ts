import { z } from 'zod';
import { channel } from './channel.js';

/** An API key as the Settings page lists it (the secret itself is shown once, when made). */
export type ApiKeyView = { id: string; name: string; createdAt: string; revokedAt: string | null };

/** The desktop app's local OpenAI-compatible API (Settings → Local API). */
export type LocalApiStatus = {
  enabled: boolean;
  port: number;
  running: boolean;
  /** The base URL other programs use, while it runs. */
  url: string | null;
  /** Why it is not running although enabled (a port in use), or null. */
  problem: string | null;
  keys: ApiKeyView[];
};

const keyName = z
  .string({ error: 'the key name must be text' })
  .trim()
  .min(1, { error: 'the key name must not be empty' })
  .max(100, { error: 'the key name is at most 100 characters' });

export const localApiChannels = {
  'app:api.status': channel<LocalApiStatus>()(z.strictObject({}).default({})),
  /** A new key; the answer is the only time its secret is shown. */
  'app:api.createKey': channel<{ key: string; status: LocalApiStatus }>()(z.strictObject({ name: keyName })),
  'app:api.revokeKey': channel<LocalApiStatus>()(
    z.strictObject({ id: z.string({ error: 'the key id must be text' }).min(1).max(100) }),
  ),
};
