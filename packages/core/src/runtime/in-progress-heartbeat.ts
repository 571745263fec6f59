import type { DeliveredMessage } from '../nats/delivered-message';

/**
 * Sends `working()` every half ack wait from the moment a message arrives until it is settled, so
 * neither a long reconcile nor a wait at the gate lets the server redeliver it elsewhere.
 * Returns the function that stops it.
 */
export function startHeartbeat(message: DeliveredMessage, ackWaitMs: number): () => void {
  const timer = setInterval(() => {
    try {
      message.working();
    } catch {
      // Disconnected: the server will redeliver after the ack wait, which is the right outcome.
    }
  }, ackWaitMs / 2);
  timer.unref();
  return () => clearInterval(timer);
}
