import type { RoseEvent } from './events.js';
import type { Result } from './result.js';

/**
 * The serve-mode WebSocket protocol (JSON text frames). The client numbers its requests; the
 * server answers each with the same id, in any order, and pushes events between answers.
 */

/** Client → server: call `channel` with `input`. */
export type SocketRequest = { id: number | string; channel: string; input?: unknown };

/** Server → client: the answer to request `id` (id is null when the request could not be read). */
export type SocketReply = { id: number | string | null; result: Result<unknown> };

/** Server → client: an app event. */
export type SocketEventMessage = { event: RoseEvent };

export type SocketServerMessage = SocketReply | SocketEventMessage;

/** The WebSocket endpoint's path on the serve-mode server. */
export const SOCKET_PATH = '/rose-socket';
