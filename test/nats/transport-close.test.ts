import { NatsTransport, openNatsConnection } from '@conveyor-ts/core';
import { startTestEnvironment } from '@conveyor-ts/core/testing';

// A process stopping while its server is gone: closing must not wait for a reconnect that never
// comes (a drain waits for the server), or the connection keeps redialling for ever.
jest.setTimeout(60_000);

it('closes a connection whose server is gone, instead of draining it for ever', async () => {
  const env = await startTestEnvironment();
  const connection = await openNatsConnection({ name: 'transport-close', servers: [env.url] });
  const transport = new NatsTransport(connection);
  await env.stop(); // the connection is now reconnecting, with no end of attempts
  await expect(transport.close()).resolves.toBeUndefined();
  expect(connection.isClosed()).toBe(true);
});

it('drains once when closed twice at once: both calls end with the drain, none waits for the give-up timer', async () => {
  const env = await startTestEnvironment();
  try {
    const connection = await openNatsConnection({ name: 'transport-close-twice', servers: [env.url] });
    const transport = new NatsTransport(connection);
    const startedAt = performance.now();
    await Promise.all([transport.close(), transport.close()]);
    expect(connection.isClosed()).toBe(true);
    // A second drain fails at once and closes the connection under the first, which then waits for
    // NATS_DRAIN_TIMEOUT_MS (5 s) with a timer that keeps the process alive.
    expect(performance.now() - startedAt).toBeLessThan(4000);
  } finally {
    await env.stop();
  }
});
