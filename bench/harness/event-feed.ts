import { randomBytes, randomUUID } from 'node:crypto';
import { encodeDriverMessage, NatsTransport, openNatsConnection, Subjects } from '../../packages/core/src';
import type { OutgoingMessage } from '../../packages/core/src/nats/pipelined-publisher';
import { BENCH_RESOURCE, type BenchSpec } from '../loops/loop-under-test';

const PRE_PUBLISH_BATCH = 1000;
const RATE_TICK_MS = 1;

/** Publishes DriverMessages as the Conveyor server does, each carrying its publish time in the spec. */
export class EventFeed {
  private constructor(private readonly transport: NatsTransport) {}

  static async connect(url: string): Promise<EventFeed> {
    const connection = await openNatsConnection({ servers: [url], name: 'bench-feed' });
    return new EventFeed(new NatsTransport(connection));
  }

  /** Stores `count` events for `driver` before any consumer pulls (the consumer must exist: Interest retention). */
  async prePublish(driver: string, count: number): Promise<void> {
    for (let sent = 0; sent < count; sent += PRE_PUBLISH_BATCH) {
      const batch = Array.from({ length: Math.min(PRE_PUBLISH_BATCH, count - sent) }, (_, i) =>
        this.event(driver, sent + i),
      );
      await this.store(batch);
    }
  }

  /** Publishes `perSecond` events for `durationMs`, in small batches every few ms; resolves once all are stored. */
  async publishAtRate(driver: string, perSecond: number, durationMs: number): Promise<number> {
    const total = Math.round((perSecond * durationMs) / 1000);
    const start = performance.now();
    const pending: Array<Promise<void>> = [];
    let sent = 0;
    while (sent < total) {
      const due = Math.min(total, Math.floor(((performance.now() - start) * perSecond) / 1000));
      if (due > sent) {
        pending.push(this.store(Array.from({ length: due - sent }, (_, i) => this.event(driver, sent + i))));
        sent = due;
      }
      await new Promise((resolve) => setTimeout(resolve, RATE_TICK_MS));
    }
    await Promise.all(pending);
    return total;
  }

  close(): Promise<void> {
    return this.transport.close();
  }

  private event(driver: string, index: number): OutgoingMessage {
    const spec: BenchSpec = { sentAt: performance.now() };
    return {
      subject: Subjects.driverResource(driver, BENCH_RESOURCE),
      data: encodeDriverMessage({
        event: 'create',
        resource: { name: `r${index}`, resource: BENCH_RESOURCE, pipeline: 'bench', spec },
        id: randomBytes(12).toString('hex'),
        runId: randomUUID(),
      }),
    };
  }

  private async store(batch: OutgoingMessage[]): Promise<void> {
    const outcome = await this.transport.publishDurableBatch(batch);
    if (outcome.stored !== batch.length) {
      throw new Error(`only ${outcome.stored} of ${batch.length} events stored: ${outcome.firstError}`);
    }
  }
}
