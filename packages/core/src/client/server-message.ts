/**
 * The server's message from an error body: `{"error": "..."}` from the resource, definition and
 * pipeline handlers, plain text from the log handlers and unknown routes (protocol §3.9).
 */
export function serverMessage(body: string): string {
  const text = body.trim();
  if (!text.startsWith('{')) return text;
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object') {
      const { error, message } = parsed as { error?: unknown; message?: unknown };
      if (typeof error === 'string') return error;
      if (typeof message === 'string') return message;
    }
  } catch {
    // Not JSON after all: the text is the message.
  }
  return text;
}
