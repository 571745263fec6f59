import { MAX_JSON_DEPTH } from '../constants';
import { goJsonSyntaxError } from '../wire/go-json-syntax-error';
import { HttpError } from './http-error';
import { jsonDepth } from './json-depth';
import type { RequestContext } from './request-context';

/**
 * Reads a JSON request body the way Fiber's body parser does: the `Content-Type` must be
 * `application/json`, the body at most the request's limit (Fiber's 4 MB, or less when NATS carries
 * less), nested at most `MAX_JSON_DEPTH` deep. `onInvalid` builds the handler's "bad body" error.
 */
export async function readJsonBody(
  { req, bodyLimit }: Pick<RequestContext, 'req' | 'bodyLimit'>,
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
    if (size > bodyLimit) throw new HttpError(413, 'Request Entity Too Large', 'text');
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (jsonDepth(text) > MAX_JSON_DEPTH) throw onInvalid(`nested deeper than ${MAX_JSON_DEPTH} levels`);
  try {
    return JSON.parse(text);
  } catch (error) {
    // Handlers that quote the problem quote Go's words for it, as the server does.
    throw onInvalid(goJsonSyntaxError(text) ?? (error as Error).message);
  }
}

async function drain(req: RequestContext['req']): Promise<void> {
  for await (const chunk of req as AsyncIterable<Buffer>) void chunk;
}
