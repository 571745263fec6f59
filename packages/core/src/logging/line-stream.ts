import { StringDecoder } from 'node:string_decoder';
import { Writable } from 'node:stream';
import { LOG_MAX_LINE_CHARS } from '../constants';

/** `\r\n`, `\n`, or a lone `\r` (progress bars such as git's rewrite their line with it). */
const LINE_BREAK = /\r\n|\n|\r/;

/**
 * A writable that calls `onLine` once per line of the text written to it: UTF-8 characters split
 * across chunks are kept whole, a partial last line waits for the rest (or for `end()`), and a line
 * longer than `maxChars` is cut into pieces so one runaway line cannot hold unbounded memory. It
 * never applies back-pressure: a child process is never slowed down by its logger.
 */
export function createLineStream(onLine: (line: string) => void, maxChars = LOG_MAX_LINE_CHARS): Writable {
  const decoder = new StringDecoder('utf8');
  let rest = '';
  const emitLine = (line: string): void => {
    let start = 0;
    do {
      onLine(line.slice(start, start + maxChars));
      start += maxChars;
    } while (start < line.length);
  };
  const emit = (text: string, final: boolean): string => {
    const pieces = text.split(LINE_BREAK);
    let last = pieces.pop() ?? '';
    // A trailing `\r` may be the first half of a `\r\n` that arrives with the next chunk.
    if (!final && last === '' && text.endsWith('\r') && pieces.length > 0) last = `${pieces.pop() ?? ''}\r`;
    for (const line of pieces) emitLine(line);
    while (last.length > maxChars) {
      onLine(last.slice(0, maxChars));
      last = last.slice(maxChars);
    }
    if (final && last.length > 0) emitLine(last.replace(/\r$/, ''));
    return final ? '' : last;
  };
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      rest = emit(rest + decoder.write(chunk), false);
      done();
    },
    final(done) {
      rest = emit(rest + decoder.end(), true);
      done();
    },
  });
}
