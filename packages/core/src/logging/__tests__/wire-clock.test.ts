import { formatWireTimestamp, WireClock } from '../wire-clock';

describe('wire timestamps', () => {
  it('are fixed-width ISO-8601 UTC with microseconds', () => {
    expect(formatWireTimestamp(Date.UTC(2026, 0, 20, 10, 15, 30, 123) * 1000 + 4)).toBe(
      '2026-01-20T10:15:30.123004Z',
    );
    expect(formatWireTimestamp(Date.UTC(2026, 0, 1) * 1000)).toBe('2026-01-01T00:00:00.000000Z');
  });

  it('strictly increase, so a burst sorts as a string in the order it was logged', () => {
    const clock = new WireClock();
    const stamps = Array.from({ length: 5000 }, () => formatWireTimestamp(clock.nowMicros()));
    expect(new Set(stamps).size).toBe(5000);
    expect([...stamps].sort()).toEqual(stamps);
    expect(new Set(stamps.map((s) => s.length))).toEqual(new Set([27]));
  });
});
