import { randomBytes, randomUUID } from 'node:crypto';
import type {
  DriverMessagePublisher,
  DriverMessageToPublish,
  PublishedDriverMessage,
} from '@conveyor-ts/core/testing';
import { sleep } from '../../manager/support/manager-harness';

// A PubAck lost with a killed node (the stream leader, or the node the publisher is on) would hold
// the load for the 5 s default: a gap that is the publisher's, not the driver's. Retried sooner,
// and deduplicated by JetStream, the load goes on as soon as the stream takes publishes again.
const PUBLISH_TIMEOUT_MS = 1_000;

/**
 * Publishes one message every `intervalMs` until stopped, each retried with the same id until
 * JetStream stored it once (a cluster electing a leader refuses publishes for a moment).
 */
export class SteadyLoad {
  readonly sent: PublishedDriverMessage[] = [];
  /** When each of `sent` was stored (ms since epoch), and when a publish attempt failed, and why. */
  readonly storedAt: number[] = [];
  readonly failures: Array<{ at: number; why: string }> = [];
  private running = true;
  private readonly loop: Promise<void>;

  constructor(
    publisher: DriverMessagePublisher,
    message: (i: number) => DriverMessageToPublish,
    intervalMs: number,
    limit = Number.POSITIVE_INFINITY,
  ) {
    this.loop = (async () => {
      for (let i = 0; this.running && i < limit; i++) {
        const next = message(i);
        // Fixed before the first try, so a retried publish is the same message.
        const fixed = {
          ...next,
          id: next.id ?? randomBytes(12).toString('hex'),
          runId: next.runId ?? randomUUID(),
        };
        while (this.running) {
          try {
            this.sent.push(await publisher.publish(fixed, { dedupe: true, timeoutMs: PUBLISH_TIMEOUT_MS }));
            this.storedAt.push(Date.now());
            break;
          } catch (error) {
            this.failures.push({ at: Date.now(), why: (error as Error).message });
            await sleep(100);
          }
        }
        await sleep(intervalMs);
      }
    })();
  }

  /** Resolves once every message published so far is stored. */
  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  /** Resolves once the load published all `limit` messages. */
  finished(): Promise<void> {
    return this.loop;
  }
}

/**
 * The longest time without a reconcile around a fault: the largest gap between consecutive
 * reconcile times (ms since epoch) from the last one before `from` up to `to`, where the silence
 * after the last reconcile in the window counts too.
 */
export function longestStall(times: readonly number[], from: number, to: number): number {
  const inside = times.filter((t) => t >= from && t <= to).sort((a, b) => a - b);
  const lastBefore = times.reduce((last, t) => (t < from ? Math.max(last, t) : last), -Infinity);
  let previous = Number.isFinite(lastBefore) ? lastBefore : from;
  let longest = 0;
  for (const t of [...inside, to]) {
    longest = Math.max(longest, t - previous);
    previous = t;
  }
  return longest;
}
