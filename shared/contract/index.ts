/** The typed contract between the app and its windows; see contract.ts for the channel map. */
export type { ChannelSpec } from './channel.js';
export * from './audit.js';
export * from './contract.js';
export * from './chats.js';
export * from './completions.js';
export * from './localApi.js';
export * from './client.js';
export * from './events.js';
export * from './family.js';
export * from './fields.js';
export * from './logs.js';
export * from './models.js';
export * from './policy.js';
export * from './presets.js';
export * from './result.js';
export * from './socket.js';
export * from './system.js';
export * from './validate.js';
