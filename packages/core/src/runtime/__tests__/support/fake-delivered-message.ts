import type { DeliveredMessage } from '../../../nats/delivered-message';
import { encodeDriverMessage } from '../../../protocol/encode';
import type { Resource } from '../../../protocol/model/resource';

/** A delivered message that records how it was settled instead of talking to JetStream. */
export class FakeDeliveredMessage implements DeliveredMessage {
  /** What was done to it, in order: `ack`, `nak 2000`, `term <reason>`, `working`. */
  readonly calls: string[] = [];
  /** Makes `ack`/`nak`/`term` throw, as nats.js does on a closed connection. */
  failSettling = false;

  constructor(
    readonly subject: string,
    readonly data: Uint8Array,
    readonly deliveryCount = 1,
    readonly streamSequence = 7,
    readonly receivedAt = performance.now(),
  ) {}

  ack(): void {
    this.record('ack');
  }

  nak(delayMs: number): void {
    this.record(`nak ${delayMs}`);
  }

  term(reason: string): void {
    this.record(`term ${reason}`);
  }

  working(): void {
    this.calls.push('working');
  }

  private record(call: string): void {
    if (this.failSettling) throw new Error('connection closed');
    this.calls.push(call);
  }
}

export const MESSAGE_ID = '0123456789abcdef01234567';
export const RUN_ID = '5f8f2a53-5f2b-4b8e-9c1e-2c2d6f1f7a10';

/** A well-formed DriverMessage as the server publishes it, on a pipeline or a broadcast subject. */
export function driverMessage(
  options: {
    subject?: string;
    event?: string;
    resource?: Partial<Resource>;
    deliveryCount?: number;
  } = {},
): FakeDeliveredMessage {
  const resource = {
    name: 'web',
    resource: 'build',
    pipeline: 'ci',
    spec: { ref: 'main' },
    ...options.resource,
  };
  const data = encodeDriverMessage({
    event: options.event ?? 'create',
    resource,
    id: MESSAGE_ID,
    runId: RUN_ID,
  });
  return new FakeDeliveredMessage(
    options.subject ?? 'drivers.builder.resources.build',
    data,
    options.deliveryCount ?? 1,
  );
}
