import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** How the server answers: the file, or one of the failures a download must survive or report. */
export type ServeMode = 'ok' | '404' | '500' | 'reset' | 'html' | 'stall' | 'silent' | 'ignore-range';

/** One request as the server saw it. */
export type ServedRequest = { method: string; range?: string; status: number; bytes: number };

export type ModelFileServer = {
  /** URL of the file (its name is the last path segment). */
  url: string;
  mode: ServeMode;
  /** Slows every response to `bytesPerTick` every `tickMs`, so a download can be caught mid-way. */
  throttle?: { bytesPerTick: number; tickMs: number };
  /** In 'stall' mode the body of every response stops after this many bytes (default 1 KB), the connection left open. */
  stallAfterBytes: number;
  /** Answer the first N requests with HTTP 500, then normally. */
  failFirst: number;
  readonly requests: ServedRequest[];
  /**
   * Body bytes written for requests that carried a Range header (what a download actually
   * fetched), leaving out the one-byte probe (`bytes=0-0`) a download sends before it starts.
   */
  rangeBytesServed(): number;
  resetCounters(): void;
  close(): Promise<void>;
};

/** The range of the request a download sends first to see whether the server answers and takes ranges. */
export const PROBE_RANGE = 'bytes=0-0';

const htmlPage = Buffer.from(
  '<!DOCTYPE html>\n<html><head><title>Sign in</title></head><body>Please sign in.</body></html>\n',
);

/**
 * A real HTTP server on 127.0.0.1 that serves one file with Range support (single ranges, the
 * way download managers ask), counts what it serves, and can be switched to fail. Pass the
 * `port` of a closed server to bring "the same" server back.
 */
export async function startModelFileServer(
  file: Buffer,
  fileName = 'model.gguf',
  port = 0,
): Promise<ModelFileServer> {
  const sockets = new Set<Socket>();
  const state: ModelFileServer = {
    url: '',
    mode: 'ok',
    stallAfterBytes: 1024,
    failFirst: 0,
    requests: [],
    rangeBytesServed: () =>
      state.requests
        .filter((request) => request.range !== undefined && request.range !== PROBE_RANGE)
        .reduce((sum, request) => sum + request.bytes, 0),
    resetCounters: () => {
      state.requests.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };

  const server = createServer((req, res) => {
    const record: ServedRequest = { method: req.method ?? 'GET', status: 0, bytes: 0 };
    if (req.headers.range) record.range = req.headers.range;
    state.requests.push(record);
    handle(state, file, fileName, req, res, record);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/files/${fileName}`;
  return state;
}

function handle(
  state: ModelFileServer,
  file: Buffer,
  fileName: string,
  req: IncomingMessage,
  res: ServerResponse,
  record: ServedRequest,
): void {
  if (state.failFirst > 0) {
    state.failFirst--;
    sendStatus(res, record, 500);
    return;
  }
  if (!req.url?.endsWith(`/${fileName}`)) {
    sendStatus(res, record, 404);
    return;
  }
  switch (state.mode) {
    case 'silent':
      // Accept the request and never answer (the socket stays open until the server closes).
      record.status = -2;
      return;
    case '404':
    case '500':
      sendStatus(res, record, Number(state.mode));
      return;
    case 'reset':
      record.status = -1;
      req.socket.resetAndDestroy();
      return;
    case 'html':
      record.status = 200;
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': htmlPage.length });
      record.bytes = htmlPage.length;
      res.end(req.method === 'HEAD' ? undefined : htmlPage);
      return;
  }

  // 'ignore-range': says it takes ranges, then answers every request with the whole file.
  const range = state.mode === 'ignore-range' ? undefined : parseRange(req.headers.range, file.length);
  if (range === 'invalid') {
    record.status = 416;
    res.writeHead(416, { 'content-range': `bytes */${file.length}` }).end();
    return;
  }
  const [start, end] = range ?? [0, file.length - 1];
  const headers: Record<string, string | number> = {
    'accept-ranges': 'bytes',
    'content-type': 'application/octet-stream',
    'content-length': end - start + 1,
  };
  if (range) headers['content-range'] = `bytes ${start}-${end}/${file.length}`;
  record.status = range ? 206 : 200;
  res.writeHead(record.status, headers);
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const body = file.subarray(start, end + 1);
  if (state.mode === 'stall' && body.length > state.stallAfterBytes) {
    record.bytes = state.stallAfterBytes;
    res.write(body.subarray(0, state.stallAfterBytes));
    return;
  }
  void stream(state, body, res, record);
}

function sendStatus(res: ServerResponse, record: ServedRequest, status: number): void {
  record.status = status;
  res.writeHead(status, { 'content-type': 'text/plain' }).end(`HTTP ${status}\n`);
}

/** `bytes=a-b`, `bytes=a-` or `bytes=-n`; undefined without a header; 'invalid' when unsatisfiable. */
function parseRange(header: string | undefined, size: number): [number, number] | undefined | 'invalid' {
  if (!header) return undefined;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return 'invalid';
  let start: number;
  let end: number;
  if (match[1] === '') {
    start = Math.max(0, size - Number(match[2]));
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  }
  return start > end || start >= size ? 'invalid' : [start, end];
}

/** Writes the body, respecting backpressure and the throttle, counting each byte handed to the socket. */
async function stream(
  state: ModelFileServer,
  body: Buffer,
  res: ServerResponse,
  record: ServedRequest,
): Promise<void> {
  let offset = 0;
  while (offset < body.length && !res.destroyed) {
    const size = state.throttle?.bytesPerTick ?? 256 * 1024;
    const piece = body.subarray(offset, offset + size);
    offset += piece.length;
    record.bytes += piece.length;
    if (!res.write(piece)) await drainOrClose(res);
    if (state.throttle) await new Promise((resolve) => setTimeout(resolve, state.throttle!.tickMs));
  }
  if (!res.destroyed) res.end();
}

function drainOrClose(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}
