import { sseEvents } from '../sse-events';

async function collect(chunks: string[]): Promise<string[]> {
  const bytes = (async function* () {
    for (const chunk of chunks) yield new TextEncoder().encode(chunk);
  })();
  const events: string[] = [];
  for await (const data of sseEvents(bytes)) events.push(data);
  return events;
}

describe('sseEvents', () => {
  it('yields the data of each event, skipping comments and other fields', async () => {
    await expect(collect([': heartbeat\n\n', 'id: 1\nevent: x\ndata: a\n\n', 'data:b\n\n'])).resolves.toEqual(
      ['a', 'b'],
    );
  });

  it('joins multi-line data and handles CR, CRLF and chunks split anywhere', async () => {
    const text = 'data: one\r\ndata: two\r\n\r\ndata: three\r\rdata: é\n\n';
    const chunks = [...text].map((c) => c); // one character per chunk
    await expect(collect(chunks)).resolves.toEqual(['one\ntwo', 'three', 'é']);
  });

  it('drops an event the stream ended before its blank line, as EventSource does', async () => {
    await expect(collect(['data: whole\n\n', 'data: tail\n'])).resolves.toEqual(['whole']);
  });
});
