import { connect } from 'node:net';

/** What a server answered to a raw request: the status (0 when it closed without one) and the head. */
export type RawAnswer = { status: number; head: string; body: string };

/**
 * Sends `request` byte for byte over TCP, so targets and headers that `http.request` would refuse
 * to send reach the server as written. Resolves when the server closes or answers completely.
 */
export function rawRequest(
  port: number,
  request: string | Buffer,
  options: { endAfterWrite?: boolean } = {},
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let settled = false;
    const finish = () => {
      if (settled) return;
      settled = true;
      socket.destroy();
      const text = Buffer.concat(chunks).toString('latin1');
      const split = text.indexOf('\r\n\r\n');
      const head = split === -1 ? text : text.slice(0, split);
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0);
      resolve({ status, head, body: split === -1 ? '' : text.slice(split + 4) });
    };
    socket.on('data', (chunk) => {
      chunks.push(chunk);
      const text = Buffer.concat(chunks).toString('latin1');
      const split = text.indexOf('\r\n\r\n');
      if (split === -1) return;
      // An upgrade answer (101) never ends by itself; a plain answer ends at its Content-Length.
      if (/^HTTP\/1\.1 101/.test(text)) return finish();
      const length = /\r\ncontent-length: *(\d+)/i.exec(text.slice(0, split))?.[1];
      if (length !== undefined && text.length - split - 4 >= Number(length)) finish();
    });
    socket.on('end', finish);
    socket.on('close', finish);
    socket.on('error', (error) => (chunks.length > 0 ? finish() : reject(error)));
    // Half-closing tells the server no more bytes come, so an incomplete request ends at once.
    if (options.endAfterWrite) socket.end(request);
    else socket.write(request);
  });
}

/** A WebSocket upgrade request for `target` with extra header lines. */
export function upgradeRequest(port: number, target: string, headers: Record<string, string> = {}): string {
  return requestText(target, {
    Host: `127.0.0.1:${port}`,
    Upgrade: 'websocket',
    Connection: 'Upgrade',
    'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
    'Sec-WebSocket-Version': '13',
    ...headers,
  });
}

/** A plain GET for `target` with extra header lines (Host first unless given). */
export function getRequest(port: number, target: string, headers: Record<string, string> = {}): string {
  return requestText(target, { Host: `127.0.0.1:${port}`, Connection: 'close', ...headers });
}

function requestText(target: string, headers: Record<string, string>): string {
  const lines = [
    `GET ${target} HTTP/1.1`,
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
  ];
  return `${lines.join('\r\n')}\r\n\r\n`;
}
