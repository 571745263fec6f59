import { connect } from 'node:net';

/** An HTTP answer as sent: status, body text, content type. */
export interface Answer {
  status: number;
  text: string;
  type: string | null;
  json(): unknown;
}

/** A JSON (or raw string) call with fetch; `content-type: application/json` whenever a body is sent. */
export async function call(
  apiUrl: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const raw = typeof body === 'string' ? body : body === undefined ? undefined : JSON.stringify(body);
  const response = await fetch(apiUrl + path, {
    method,
    body: raw,
    headers: raw === undefined ? headers : { 'content-type': 'application/json', ...headers },
  });
  const text = await response.text();
  return {
    status: response.status,
    text,
    type: response.headers.get('content-type'),
    json: () => JSON.parse(text),
  };
}

/**
 * Sends `head` (request line and headers, CRLF-separated, without the blank line) and `body` on a
 * plain socket, for what fetch refuses to send (unparsable targets, odd methods); resolves with the
 * status line's code, or 0 when the server closed the connection without an answer.
 */
export function rawRequest(apiUrl: string, head: string, body: Buffer = Buffer.alloc(0)): Promise<number> {
  const { hostname, port } = new URL(apiUrl);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    let received = '';
    socket.setTimeout(10_000, () => socket.destroy(new Error(`no answer to ${JSON.stringify(head)}`)));
    socket.on('connect', () => socket.end(Buffer.concat([Buffer.from(`${head}\r\n\r\n`, 'latin1'), body])));
    socket.on('data', (chunk) => {
      received += chunk.toString('latin1');
      if (received.includes('\r\n')) socket.destroy();
    });
    socket.on('close', () => resolve(Number(/^HTTP\/1\.[01] (\d{3})/.exec(received)?.[1] ?? 0)));
    // A reset is followed by 'close', which tells what was received.
    socket.on('error', () => undefined);
  });
}
