import type { ReconnectSignal } from './reconnect-signal';

/**
 * Sends a publish that carries a `Nats-Msg-Id` and waits for its PubAck, sending it again after
 * each reconnect: the PubAck of a publish the old connection carried may never come (the server
 * went away before answering), and waiting out the timeout would hold the caller for nothing. The
 * id makes any second copy a duplicate JetStream does not store. All sends share one deadline; the
 * outcome is the first PubAck, or the failure of the latest send.
 */
export function resendOnReconnect<T>(
  send: (timeoutMs: number) => Promise<T>,
  reconnects: ReconnectSignal,
  timeoutMs: number,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  return new Promise<T>((resolve, reject) => {
    let latest = 0;
    let done = false;
    const finish = (settle: () => void): void => {
      if (done) return;
      done = true;
      unsubscribe();
      settle();
    };
    const attempt = (): void => {
      const mine = (latest += 1);
      send(Math.max(1, deadline - Date.now())).then(
        (ack) => finish(() => resolve(ack)),
        (error: unknown) => {
          if (mine === latest) finish(() => reject(error));
        },
      );
    };
    const unsubscribe = reconnects.subscribe(attempt);
    attempt();
  });
}
