import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitFor } from '../control-plane/support/wait-for';
import { childrenOf, isAlive } from '../support/process-tree';
import { startCli, stopStartedClis, waitForOutput } from './support/run-cli';

jest.setTimeout(120_000);

// A user's Ctrl-\ or the OOM killer ends `conveyor dev` without its shutdown code running: the
// nats-server it started must not live on holding the port.
describe('conveyor dev killed with SIGKILL', () => {
  // The CLI's own temp folders (the JetStream store it can no longer remove) go here.
  const home = mkdtempSync(join(tmpdir(), 'conveyor-dev-killed-'));
  afterAll(async () => {
    await stopStartedClis();
    rmSync(home, { recursive: true, force: true });
  });

  it('leaves no nats-server behind: the server dies with it and frees the port', async () => {
    const dev = startCli(['dev', '--port', '0', '--nats-port', '0'], { TMPDIR: home });
    const banner = await waitForOutput(dev, /Press Ctrl-C to stop/);
    const natsPort = Number(/NATS: +nats:\/\/[^:\s]+:(\d+)/.exec(banner)![1]);
    const servers = childrenOf(dev.pid!).filter((p) => p.name === 'nats-server');
    expect(servers).toHaveLength(1);
    expect(await accepts(natsPort)).toBe(true);

    dev.kill('SIGKILL'); // the CLI alone, not its group: nothing of its own cleanup runs
    await waitFor('nats-server to exit', async () => (isAlive(servers[0].pid) ? undefined : true), 15_000);
    expect(await accepts(natsPort)).toBe(false);
  });
});

function accepts(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      // A free port in the ephemeral range can "accept" a connection from itself (TCP
      // simultaneous open, when the kernel picks that very port as the source): nobody listens.
      const selfConnected = socket.localPort === port;
      socket.destroy();
      done(!selfConnected);
    });
    socket.once('error', () => done(false));
  });
}
