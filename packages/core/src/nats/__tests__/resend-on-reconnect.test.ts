import type { ReconnectSignal } from '../reconnect-signal';
import { resendOnReconnect } from '../resend-on-reconnect';

/** A reconnect signal the test fires by hand. */
function fakeSignal(): { signal: ReconnectSignal; reconnect(): void; listeners(): number } {
  const listeners = new Set<() => void>();
  const signal = {
    subscribe: (listener: () => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  } as unknown as ReconnectSignal;
  return { signal, reconnect: () => [...listeners].forEach((l) => l()), listeners: () => listeners.size };
}

/** A send whose calls stay pending until the test answers them. */
function controlledSend() {
  const calls: Array<{ timeoutMs: number; resolve(v: string): void; reject(e: Error): void }> = [];
  const send = (timeoutMs: number) =>
    new Promise<string>((resolve, reject) => calls.push({ timeoutMs, resolve, reject }));
  return { send, calls };
}

describe('resendOnReconnect', () => {
  it('sends once and resolves with the PubAck when no reconnect happens', async () => {
    const { signal, listeners } = fakeSignal();
    const { send, calls } = controlledSend();
    const done = resendOnReconnect(send, signal, 1_000);
    expect(calls).toHaveLength(1);
    calls[0].resolve('ack');
    await expect(done).resolves.toBe('ack');
    expect(listeners()).toBe(0);
  });

  it('sends again after a reconnect and takes the first PubAck, whichever send it answers', async () => {
    const { signal, reconnect, listeners } = fakeSignal();
    const { send, calls } = controlledSend();
    const done = resendOnReconnect(send, signal, 10_000);
    reconnect();
    expect(calls).toHaveLength(2);
    expect(calls[1].timeoutMs).toBeLessThanOrEqual(10_000); // one deadline for every send
    calls[1].resolve('second');
    calls[0].reject(new Error('TIMEOUT')); // the lost PubAck of the first send changes nothing
    await expect(done).resolves.toBe('second');
    expect(listeners()).toBe(0);
  });

  it('fails with the latest send only: an earlier send failing after a reconnect is ignored', async () => {
    const { signal, reconnect } = fakeSignal();
    const { send, calls } = controlledSend();
    const done = resendOnReconnect(send, signal, 10_000);
    reconnect();
    calls[0].reject(new Error('first lost'));
    calls[1].reject(new Error('no responders'));
    await expect(done).rejects.toThrow('no responders');
  });
});
