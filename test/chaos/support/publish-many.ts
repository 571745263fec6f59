import type {
  DriverMessagePublisher,
  DriverMessageToPublish,
  PublishedDriverMessage,
} from '@conveyor-ts/core/testing';

/** Publishes `count` messages, 50 awaiting their PubAck at a time (each one stored when this resolves). */
export async function publishMany(
  publisher: DriverMessagePublisher,
  count: number,
  message: (i: number) => DriverMessageToPublish,
): Promise<PublishedDriverMessage[]> {
  const sent: PublishedDriverMessage[] = [];
  for (let start = 0; start < count; start += 50) {
    const chunk = Array.from({ length: Math.min(50, count - start) }, (_, k) => message(start + k));
    sent.push(...(await Promise.all(chunk.map((m) => publisher.publish(m)))));
  }
  return sent;
}
