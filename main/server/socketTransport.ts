import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type RawData, type WebSocket, WebSocketServer } from 'ws';
import {
  fail,
  isWindowEvent,
  type Result,
  type SocketServerMessage,
  transportErrorCodes,
} from '../../shared/contract/index.js';
import { createEventCoalescer } from '../app/coalesceEvents.js';
import type { Rose } from '../app/createRose.js';
import { dispatch } from '../app/dispatch.js';

/** Largest message a client may send (a preset file is at most 256 KiB). */
const MAX_MESSAGE_BYTES = 2 * 1024 * 1024;

/**
 * The contract over a WebSocket: `{id, channel, input}` in, `{id, result}` out, `{event}` pushed.
 * A message that cannot be read gets an error answer; the connection and the server carry on.
 */
export function createSocketTransport(
  rose: Pick<Rose, 'handlers' | 'events'>,
  options: { coalesceMs?: number } = {},
) {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });

  wss.on('connection', (socket: WebSocket) => {
    const reply = (message: SocketServerMessage) => {
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
    };
    const coalescer = createEventCoalescer((event) => reply({ event }), options.coalesceMs);
    const unsubscribe = rose.events.subscribe((event) => {
      if (isWindowEvent(event)) coalescer.push(event);
    });
    socket.on('message', (data: RawData, isBinary: boolean) => {
      void answer(data, isBinary).then(({ id, result }) => reply({ id, result }));
    });
    socket.on('close', () => {
      unsubscribe();
      coalescer.flush();
    });
    socket.on('error', () => socket.terminate());
  });

  async function answer(
    data: RawData,
    isBinary: boolean,
  ): Promise<{ id: number | string | null; result: Result<unknown> }> {
    if (isBinary)
      return { id: null, result: fail(transportErrorCodes.invalidRequest, 'messages must be JSON text') };
    let message: unknown;
    try {
      message = JSON.parse(data.toString());
    } catch {
      return { id: null, result: fail(transportErrorCodes.invalidRequest, 'the message is not valid JSON') };
    }
    if (typeof message !== 'object' || message === null || Array.isArray(message)) {
      return {
        id: null,
        result: fail(
          transportErrorCodes.invalidRequest,
          'the message must be an object {id, channel, input}',
        ),
      };
    }
    const { id, channel, input } = message as Record<string, unknown>;
    if (!((typeof id === 'number' && Number.isFinite(id)) || (typeof id === 'string' && id.length <= 100))) {
      return {
        id: null,
        result: fail(
          transportErrorCodes.invalidRequest,
          'the message needs an id (a number or short text)',
          'id',
        ),
      };
    }
    return { id, result: await dispatch(rose.handlers, channel, input) };
  }

  return {
    /** Finish an upgrade that the server has already allowed. */
    accept(request: IncomingMessage, socket: Duplex, head: Buffer): void {
      wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
    },
    /** Close every connection. */
    close(): Promise<void> {
      for (const client of wss.clients) client.close(1001, 'Rose is shutting down');
      return new Promise((resolve) => wss.close(() => resolve()));
    },
  };
}
