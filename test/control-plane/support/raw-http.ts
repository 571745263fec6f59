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

/** What came back on a socket: the status (0 when the server closed without one) and the body. */
export interface RawAnswer {
  status: number;
  body: string;
}

/**
 * Sends `head` (request line and headers, CRLF-separated, without the blank line) and `body` on a
 * plain socket, for what fetch refuses to send (unparsable targets, odd methods). Reads the answer's
 * body up to its Content-Length; an event stream, or the answer to HEAD, ends with its headers.
 */
export function rawRequest(apiUrl: string, head: string, body: Buffer = Buffer.alloc(0)): Promise<RawAnswer> {
  const { hostname, port } = new URL(apiUrl);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    let received = Buffer.alloc(0);
    socket.setTimeout(10_000, () => socket.destroy());
    socket.on('connect', () => socket.write(Buffer.concat([Buffer.from(`${head}\r\n\r\n`, 'latin1'), body])));
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (complete(received, head.startsWith('HEAD '))) socket.destroy();
    });
    // A reset is followed by 'close', which tells what was received.
    socket.on('error', () => undefined);
    socket.on('close', () => {
      const text = received.toString('latin1');
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1] ?? 0);
      const split = text.indexOf('\r\n\r\n');
      resolve({ status, body: split < 0 ? '' : received.subarray(split + 4).toString('utf8') });
    });
  });
}

function complete(received: Buffer, headOnly: boolean): boolean {
  const split = received.indexOf('\r\n\r\n');
  if (split < 0) return false;
  if (headOnly || /^HTTP\/1\.[01] (204|304)/.test(received.toString('latin1', 0, 12))) return true;
  const head = received.subarray(0, split).toString('latin1').toLowerCase();
  if (head.includes('content-type: text/event-stream')) return true;
  const length = /content-length: (\d+)/.exec(head);
  return length ? received.length - split - 4 >= Number(length[1]) : false;
}
