import { WIRE_TIMESTAMP_BYTES, writeWireTimestamp } from '../../protocol/log-entry-writer';
import { WireClock } from '../wire-clock';

describe('the wire clock', () => {
  it('strictly increases, so a burst sorts as a string in the order it was logged', () => {
    const clock = new WireClock();
    const stamps = Array.from({ length: 5000 }, () => {
      const out = Buffer.alloc(WIRE_TIMESTAMP_BYTES);
      writeWireTimestamp(out, 0, clock.nowMicros());
      return out.toString('latin1');
    });
    expect(new Set(stamps).size).toBe(5000);
    expect([...stamps].sort()).toEqual(stamps);
  });
});
