import { createServer, type Server } from 'node:net';
import { NatsCluster, NatsServerProcess, PortInUseError } from '@conveyor-ts/core/testing';

// A port picked with freePort() can be taken by another process before nats-server binds it (CI runs
// many servers and connections at once). A cluster node says "Server is ready" before it binds its
// route port and exits if that fails, which once left a 2-node "cluster" that never placed an R3
// stream. These tests take the port on purpose.
jest.setTimeout(60_000);

const actualFreePort = jest.requireActual<typeof import('../../packages/core/src/processes/free-port')>(
  '../../packages/core/src/processes/free-port',
).freePort;
const taken: number[] = [];
jest.mock('../../packages/core/src/processes/free-port', () => ({
  // Hands out each taken port once, first, then real free ports.
  freePort: jest.fn(async () => taken.shift() ?? actualFreePort()),
}));

let blocker: Server;
let blockedPort: number;
beforeEach(async () => {
  // Drops whatever connects (the other nodes dial a route port), so closing it never waits.
  blocker = createServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  blockedPort = (blocker.address() as { port: number }).port;
});
afterEach(async () => {
  taken.length = 0;
  await new Promise((resolve) => blocker.close(resolve));
});

it('a cluster node whose route port is taken fails naming that port, not "ready" without routes', async () => {
  const peer = await actualFreePort(); // a route to dial (JetStream needs one); nobody answers there
  const error = await NatsServerProcess.start({
    cluster: { name: 'clash', port: blockedPort, routePorts: [blockedPort, peer] },
  }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(PortInUseError);
  expect((error as PortInUseError).port).toBe(blockedPort);
  expect((error as Error).message).toMatch(new RegExp(`port ${blockedPort} is already in use`));
  expect((error as Error).message).toMatch(/Error listening on router port/);
});

it('a client port it picked that is taken is picked again', async () => {
  taken.push(blockedPort);
  const server = await NatsServerProcess.start();
  try {
    expect(server.port).not.toBe(blockedPort);
    expect(server.running).toBe(true);
    expect(taken).toEqual([]); // the taken port was handed out, and refused
  } finally {
    await server.stop();
  }
});

it('a port the caller gave is not replaced', async () => {
  await expect(NatsServerProcess.start({ port: blockedPort })).rejects.toThrow(PortInUseError);
});

it('a cluster whose picked route port is taken starts on fresh ones and places R3 streams', async () => {
  taken.push(blockedPort); // the first route port picked
  const cluster = await NatsCluster.start();
  try {
    expect(taken).toEqual([]);
    expect(cluster.nodes).toHaveLength(3);
    expect(cluster.nodes.every((node) => node.running)).toBe(true);
    await cluster.waitForJetStream(); // an R3 probe stream, placed on all three
  } finally {
    await cluster.stop();
  }
  // Beyond the cluster's own 60 s JetStream deadline, so a slow formation fails with its reason.
}, 150_000);
