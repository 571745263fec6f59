import { decodeLogEntry } from '../decode-log-entry';

const bytes = (value: unknown) =>
  new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value));

describe('decodeLogEntry', () => {
  it('reads a Log JSON entry', () => {
    const entry = { runid: 'r', driver: 'd', pipeline: '', timestamp: 't', message: 'm' };
    expect(decodeLogEntry(bytes(entry))).toEqual(entry);
  });

  it('names the problem: bad JSON, not an object, run_id instead of runid', () => {
    expect(() => decodeLogEntry(bytes('{'))).toThrow(/not UTF-8 JSON/);
    expect(() => decodeLogEntry(bytes(['1', 'x']))).toThrow(/must be a JSON object, got an array/);
    expect(() =>
      decodeLogEntry(bytes({ run_id: 'r', driver: 'd', pipeline: '', timestamp: 't', message: 'm' })),
    ).toThrow(/runid: is missing/);
  });
});
