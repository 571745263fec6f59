import { createLineStream } from '../line-stream';

async function feed(chunks: (string | Buffer)[], maxChars?: number): Promise<string[]> {
  const lines: string[] = [];
  const stream = createLineStream((line) => lines.push(line), maxChars);
  for (const chunk of chunks) stream.write(chunk);
  await new Promise<void>((resolve) => stream.end(resolve));
  return lines;
}

describe('createLineStream', () => {
  it('splits on LF, CRLF and lone CR, joining partial lines across chunks', async () => {
    expect(await feed(['a\nb\r', '\nc', 'd\re\r\n', 'tail'])).toEqual(['a', 'b', 'cd', 'e', 'tail']);
  });

  it('keeps blank lines and drops only the trailing CR of the last line', async () => {
    expect(await feed(['x\n\ny\r'])).toEqual(['x', '', 'y']);
  });

  it('keeps a multi-byte character whole when a chunk boundary splits it', async () => {
    const bytes = Buffer.from('€uro\n');
    expect(await feed([bytes.subarray(0, 1), bytes.subarray(1, 2), bytes.subarray(2)])).toEqual(['€uro']);
  });

  it('cuts a runaway line into pieces of at most maxChars', async () => {
    expect(await feed(['abcdefg', 'hij\nk'], 4)).toEqual(['abcd', 'efgh', 'ij', 'k']);
  });
});
