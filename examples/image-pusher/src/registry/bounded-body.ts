import { RegistryError } from './registry-error';

/**
 * Reads at most `maxBytes` of a response body, then cancels the rest: a hostile or broken registry
 * cannot make the driver hold a 400 MB error page. `truncated` says whether more was there.
 */
export async function readBoundedBody(
  response: Response,
  maxBytes: number,
): Promise<{ bytes: Buffer; truncated: boolean }> {
  const reader = response.body?.getReader();
  if (!reader) return { bytes: Buffer.alloc(0), truncated: false };
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return { bytes: Buffer.concat(chunks), truncated: false };
      chunks.push(Buffer.from(value));
      size += value.byteLength;
      if (size > maxBytes) return { bytes: Buffer.concat(chunks).subarray(0, maxBytes), truncated: true };
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}

/** The body as text, cut at `maxBytes`. */
export async function readBoundedText(response: Response, maxBytes: number): Promise<string> {
  const { bytes, truncated } = await readBoundedBody(response, maxBytes);
  return bytes.toString('utf8') + (truncated ? '…' : '');
}

/** The whole body, or a `RegistryError` when it is larger than `maxBytes`. */
export async function readWholeBody(response: Response, maxBytes: number, what: string): Promise<Buffer> {
  const { bytes, truncated } = await readBoundedBody(response, maxBytes);
  if (truncated) {
    throw new RegistryError(`${what}: the answer is larger than ${maxBytes} bytes`, response.status);
  }
  return bytes;
}

/** Frees the connection without reading a body nobody needs. */
export async function discardBody(response: Response): Promise<void> {
  await response.body?.cancel().catch(() => undefined);
}
