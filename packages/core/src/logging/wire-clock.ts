/**
 * Times for stored log entries. The server sorts a run's entries by the timestamp *string*
 * (protocol §3.8), and a burst of lines shares one millisecond, so each entry gets a strictly
 * increasing microsecond time, written as fixed-width ISO-8601 UTC (`2026-01-20T10:15:30.123456Z`)
 * by protocol/log-entry-writer.ts.
 */
export class WireClock {
  private last = 0;

  /** Microseconds since the epoch, never equal to or below the previous reading. */
  nowMicros(): number {
    const now = Date.now() * 1000;
    this.last = now > this.last ? now : this.last + 1;
    return this.last;
  }
}
