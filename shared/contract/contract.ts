import type { z } from 'zod';
import type { ChannelSpec } from './channel.js';
import { auditChannels } from './audit.js';
import { chatChannels } from './chats.js';
import { evalChannels } from './eval.js';
import { compareChannels } from './compare.js';
import { completionChannels } from './completions.js';
import { localApiChannels } from './localApi.js';
import { familyChannels } from './family.js';
import { logChannels } from './logs.js';
import { modelChannels } from './models.js';
import { policyChannels } from './policy.js';
import { presetChannels } from './presets.js';
import { systemChannels } from './system.js';

/**
 * The contract between the app's services and every window: channel name (`app:<domain>.<verb>`)
 * → input schema and answer type. Electron IPC and the serve-mode WebSocket both carry exactly
 * these channels; a test checks that each one has a handler.
 */
export const contract = {
  ...chatChannels,
  ...presetChannels,
  ...modelChannels,
  ...systemChannels,
  ...compareChannels,
  ...logChannels,
  ...policyChannels,
  ...evalChannels,
  ...completionChannels,
  ...localApiChannels,
  ...familyChannels,
  ...auditChannels,
};

export type Contract = typeof contract;
/** Every channel name, e.g. `app:chats.send`. */
export type Channel = keyof Contract;
/** What a caller sends on `C` (optional fields may be left out). */
export type RequestOf<C extends Channel> = z.input<Contract[C]['input']>;
/** The input after validation, as a handler receives it (ids branded, defaults filled in). */
export type ParsedRequestOf<C extends Channel> = z.output<Contract[C]['input']>;
/** What `C` answers when it succeeds. */
export type ResponseOf<C extends Channel> = Contract[C] extends ChannelSpec<z.ZodType, infer R> ? R : never;

/** All channel names, in contract order. */
export const channels = Object.keys(contract) as Channel[];

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.hasOwn(contract, name);
}
