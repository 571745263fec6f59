/**
 * Splits a server-sent-event body into the `data` of each event. Comment lines (the server's
 * `: heartbeat`) and fields other than `data` are skipped; multi-line data is joined with `\n`.
 */
export async function* sseEvents(body: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  let buffer = '';
  let data: string[] = [];
  for await (const chunk of body) {
    buffer += decoder.decode(chunk, { stream: true });
    let newline: number;
    // A CR at the very end may be the first half of a CRLF split across chunks: wait for more.
    while ((newline = buffer.search(/\r\n|\r(?!$)|\n/)) >= 0) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + (buffer.startsWith('\r\n', newline) ? 2 : 1));
      if (line === '') {
        if (data.length > 0) yield data.join('\n');
        data = [];
      } else if (line.startsWith('data:')) {
        data.push(line.slice(line.startsWith('data: ') ? 6 : 5));
      }
    }
  }
  // Like EventSource, an event the stream ended before its blank line is incomplete and dropped.
}
