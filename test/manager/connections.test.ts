import { createLogPipeline, DriverManager } from '@conveyor-ts/core';
import { freePort } from '@conveyor-ts/core/testing';
import { ManagerHarness, eventually, uniqueName } from './support/manager-harness';

jest.setTimeout(60_000);

interface Connz {
  connections: { name?: string; in_msgs: number }[];
}

/** A driver process's connections as the server lists them: run logs travel on their own. */
describe('the NATS connections of a driver process', () => {
  const h = new ManagerHarness();
  let monitorPort: number;
  beforeAll(async () => {
    monitorPort = await freePort();
    await h.setUp({ monitorPort });
  });
  afterAll(() => h.tearDown());

  const connections = async (prefix: string) => {
    const response = await fetch(`http://127.0.0.1:${monitorPort}/connz?limit=1024`);
    const { connections: all } = (await response.json()) as Connz;
    return all.filter((c) => c.name?.startsWith(prefix));
  };

  it("opens a work connection and a run-log connection, carries a reconcile's lines on the second, and closes both", async () => {
    const name = uniqueName('conn');
    const resource = uniqueName('res');
    const lines = 50;
    const { manager } = await h.start(
      [
        {
          name,
          resources: [resource],
          reconcile: ({ logger }) => {
            for (let i = 0; i < lines; i++) logger.info(`line ${i}`);
          },
        },
      ],
      {
        connection: { name },
        logPipeline: createLogPipeline,
        logging: { sinks: { stdout: false } },
      },
    );
    expect((await connections(name)).map((c) => c.name).sort()).toEqual([name, `${name}:logs`]);

    const { runId } = await h.publisher.publish({ resource: { name: 'r', resource }, driver: name });
    await h.waitForResultsOf([runId]);
    await eventually('the lines on the log connection', async () => {
      const logs = (await connections(`${name}:logs`))[0];
      // Each line is stored (JetStream) and published live: two messages.
      return logs !== undefined && logs.in_msgs >= 2 * lines;
    });
    const work = (await connections(name)).find((c) => c.name === name)!;
    // Pulls, the result and the ack only: none of the lines.
    expect(work.in_msgs).toBeLessThan(lines);

    await manager.stop();
    await eventually('both connections closed', async () => (await connections(name)).length === 0);
  });

  describe('stop() before start() finished', () => {
    const startAndStop = async (stopWhen: (manager: DriverManager, stop: () => void) => void) => {
      const name = uniqueName('race');
      const manager = new DriverManager({
        config: { natsUrl: h.env.url },
        handleSignals: false,
        connection: { name },
        logging: { sinks: { stdout: false } },
      });
      manager.register({ name, resources: [uniqueName('res')], reconcile: () => undefined });
      let stopped: Promise<void> | undefined;
      stopWhen(manager, () => (stopped ??= manager.stop()));
      const started = manager.start();
      const startError = await started.then(
        () => undefined,
        (error: Error) => error,
      );
      await stopped;
      return { name, startError };
    };

    it('while the connections are being opened: start() rejects and both connections are closed', async () => {
      const { name, startError } = await startAndStop((_manager, stop) => setImmediate(stop));
      expect(startError?.message).toBe('DriverManager.stop() was called before start() finished');
      // Not left open by a start() that went on after the stop.
      await eventually('both connections closed', async () => (await connections(name)).length === 0);
    });

    it('while the consumer is being provisioned: start() rejects and nothing is left running', async () => {
      const { name, startError } = await startAndStop((manager, stop) =>
        manager.on('connection.status', ({ status }) => status === 'connected' && stop()),
      );
      expect(startError?.message).toBe('DriverManager.stop() was called before start() finished');
      await eventually('both connections closed', async () => (await connections(name)).length === 0);
    });
  });
});
