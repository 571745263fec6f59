import fc from 'fast-check';
import { toWireLogEntry } from '../encode';
import { LogEntryWriter, WIRE_TIMESTAMP_BYTES, writeWireTimestamp } from '../log-entry-writer';

const timestampOf = (micros: number): string => {
  const out = Buffer.alloc(WIRE_TIMESTAMP_BYTES);
  writeWireTimestamp(out, 0, micros);
  return out.toString('latin1');
};

describe('LogEntryWriter', () => {
  it('writes exactly what JSON.stringify writes for the same Log entry, for any text', () => {
    const text = fc.string({ unit: 'binary', maxLength: 60 });
    const micros = fc.integer({ min: 0, max: Date.UTC(9999, 11, 31) * 1000 });
    fc.assert(
      fc.property(
        text,
        text,
        text,
        text,
        micros,
        fc.nat(40),
        (runid, driver, pipeline, message, at, offset) => {
          const writer = new LogEntryWriter({ runid, driver, pipeline });
          const escaped = LogEntryWriter.escapedMessage(message);
          const length = writer.byteLength(message, escaped);
          // Written at an offset inside a larger buffer, as into a batch of frames.
          const out = Buffer.alloc(offset + length + 8, 0xff);
          expect(writer.write(out, offset, at, message, escaped)).toBe(offset + length);
          const entry = { runid, driver, pipeline, timestamp: timestampOf(at), message };
          expect(out.subarray(offset, offset + length).toString('utf8')).toBe(
            JSON.stringify(toWireLogEntry(entry)),
          );
          expect(out.subarray(offset + length)).toEqual(Buffer.alloc(8, 0xff));
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('wire timestamps', () => {
  it('are fixed-width ISO-8601 UTC with microseconds', () => {
    expect(timestampOf(Date.UTC(2026, 0, 20, 10, 15, 30, 123) * 1000 + 4)).toBe(
      '2026-01-20T10:15:30.123004Z',
    );
    expect(timestampOf(Date.UTC(2026, 0, 1) * 1000)).toBe('2026-01-01T00:00:00.000000Z');
    expect(timestampOf(Date.UTC(2026, 0, 1) * 1000 + 999)).toBe('2026-01-01T00:00:00.000999Z');
  });

  it('match toISOString to the millisecond for any time, whatever time was written before', () => {
    const micros = fc.integer({ min: 0, max: Date.UTC(9999, 11, 31) * 1000 });
    fc.assert(
      fc.property(fc.array(micros, { minLength: 1, maxLength: 5 }), (times) => {
        for (const t of times) {
          const millis = Math.floor(t / 1000);
          const stamp = timestampOf(t);
          expect(stamp.slice(0, 23)).toBe(new Date(millis).toISOString().slice(0, 23));
          expect(stamp.slice(23)).toBe(`${String(t - millis * 1000).padStart(3, '0')}Z`);
        }
      }),
    );
  });
});
