import type { NatsConnection, Subscription } from 'nats';

/** The subject of JetStream's advisory that `consumer` of `stream` has a new leader. */
export const consumerLeaderElectedSubject = (stream: string, consumer: string): string =>
  `$JS.EVENT.ADVISORY.CONSUMER.LEADER_ELECTED.${stream}.${consumer}`;

/**
 * JetStream's advisory that a consumer has a new leader. Pull requests live on the leader, so the
 * ones sent to the old leader are gone: pulling again at once saves waiting for missed heartbeats.
 * Returns the function that stops listening. Without permission to subscribe to `$JS.EVENT.>`
 * nothing is heard, and missed heartbeats recover instead.
 */
export function onConsumerLeaderElected(
  connection: NatsConnection,
  stream: string,
  consumer: string,
  listener: () => void,
): () => void {
  let subscription: Subscription | undefined;
  try {
    subscription = connection.subscribe(consumerLeaderElectedSubject(stream, consumer), {
      callback: (error) => {
        if (!error) listener();
      },
    });
  } catch {
    // Connection closing: nothing to listen to.
  }
  return () => subscription?.unsubscribe();
}
