import fc from 'fast-check';
import { logEntryJson, logEntryJsonPrefix, toWireLogEntry } from '../encode';

describe('logEntryJson', () => {
  it('writes exactly what JSON.stringify writes for the same Log entry, for any text', () => {
    const text = fc.string({ unit: 'binary', maxLength: 60 });
    fc.assert(
      fc.property(text, text, text, text, text, (runid, driver, pipeline, timestamp, message) => {
        const ts = timestamp.replace(/[^0-9TZ:.-]/g, ''); // a wire timestamp: digits and punctuation
        const entry = { runid, driver, pipeline, timestamp: ts, message };
        expect(logEntryJson(logEntryJsonPrefix(entry), ts, message)).toBe(
          JSON.stringify(toWireLogEntry(entry)),
        );
      }),
      { numRuns: 500 },
    );
  });
});
