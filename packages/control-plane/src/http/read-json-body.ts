import type { IncomingMessage } from 'node:http';
import { MAX_BODY_BYTES } from '../constants';
import { goJsonSyntaxError } from '../wire/go-json-syntax-error';
import { HttpError } from './http-error';

/**
 * Reads a JSON request body the way Fiber's body parser does: the `Content-Type` must be
 * `application/json`, the body at most 4 MB. `onInvalid` builds the handler's own "bad body" error.
 */
export async function readJsonBody(
  req: IncomingMessage,
  onInvalid: (why: string) => HttpError,
): Promise<unknown> {
  const type = (req.headers['content-type'] ?? '').toLowerCase();
  if (!type.startsWith('application/json')) {
    await drain(req);
    throw onInvalid('Unprocessable Entity');
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, 'Request Entity Too Large', 'text');
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return JSON.parse(text);
  } catch (error) {
    // Handlers that quote the problem quote Go's words for it, as the server does.
    throw onInvalid(goJsonSyntaxError(text) ?? (error as Error).message);
  }
}

async function drain(req: IncomingMessage): Promise<void> {
  for await (const chunk of req as AsyncIterable<Buffer>) void chunk;
}
