import { openNatsConnection, type NatsConnection } from '../nats/connection';
import { JetStreamPlacement } from '../nats/jetstream-placement';
import { waitForJetStream } from '../nats/jetstream-ready';
import { PICKED_PORT_ATTEMPTS } from '../constants';
import { freePort } from '../processes/free-port';
import { NatsServerProcess } from '../processes/nats-server-process';
import { PortInUseError } from '../processes/port-in-use-error';

export interface NatsClusterOptions {
  /** Nodes (default 3: the smallest cluster that survives losing one). */
  size?: number;
  binary?: string;
}

/**
 * A JetStream cluster of real nats-servers on 127.0.0.1, each with free client and route ports and
 * its own temporary store; nodes can be killed and restarted; `stop()` removes everything.
 */
export class NatsCluster {
  private admin?: NatsConnection;

  private constructor(readonly nodes: NatsServerProcess[]) {}

  /**
   * Starts `size` nodes and resolves once JetStream places replicas on all of them. Route ports are
   * picked here; one another process takes before its node binds it is picked again, with the rest.
   */
  static async start(options: NatsClusterOptions = {}): Promise<NatsCluster> {
    for (let attempt = 1; ; attempt++) {
      const routePorts: number[] = [];
      for (let i = 0; i < (options.size ?? 3); i++) routePorts.push(await freePort());
      try {
        return await NatsCluster.startOn(routePorts, options.binary);
      } catch (error) {
        const picked = error instanceof PortInUseError && routePorts.includes(error.port);
        if (!picked || attempt >= PICKED_PORT_ATTEMPTS) throw error;
      }
    }
  }

  private static async startOn(routePorts: number[], binary?: string): Promise<NatsCluster> {
    const name = `conveyor-test-${process.pid}-${Date.now()}`;
    const started = await Promise.allSettled(
      routePorts.map((port) => NatsServerProcess.start({ binary, cluster: { name, port, routePorts } })),
    );
    const nodes = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    const cluster = new NatsCluster(nodes);
    const failed = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    try {
      if (failed) throw failed.reason;
      await cluster.waitForJetStream();
    } catch (error) {
      await cluster.stop();
      throw error;
    }
    return cluster;
  }

  /** Every node's client URL: the seed list a driver connects with. */
  get urls(): string[] {
    return this.nodes.map((node) => node.url);
  }

  /** The node a JetStream cluster knows by `serverName` (as in `cluster.leader`). */
  node(serverName: string): NatsServerProcess {
    const node = this.nodes.find((n) => n.serverName === serverName);
    if (!node) throw new Error(`No node named "${serverName}" in this cluster`);
    return node;
  }

  /**
   * Resolves once JetStream has a meta leader and every node takes part: a probe stream with one
   * replica per node can be created (before that, R3 streams fail with "no suitable peers").
   */
  async waitForJetStream(timeoutMs = 60_000): Promise<void> {
    const up = this.nodes.filter((n) => n.running);
    const running = up.map((n) => n.url);
    const nc = await openNatsConnection({ name: 'conveyor-ts:test-cluster', servers: running });
    const deadline = Date.now() + timeoutMs;
    try {
      await waitForJetStream(nc, { timeoutMs });
      const jsm = await nc.jetstreamManager();
      const probe = { name: `cluster_probe_${process.pid}`, subjects: [`cluster-probe.${process.pid}`] };
      for (;;) {
        try {
          await jsm.streams.add({ ...probe, num_replicas: running.length });
          await jsm.streams.delete(probe.name);
          return;
        } catch (error) {
          const exited = up.find((n) => !n.running);
          if (exited)
            throw new Error(`${exited.serverName} exited while the cluster formed`, { cause: error });
          if (Date.now() > deadline) throw error;
          await new Promise((resolve) => setTimeout(resolve, 250));
        }
      }
    } finally {
      await nc.close();
    }
  }

  /** Leaders and step-downs, over a connection to every node that reconnects through faults. */
  async placement(): Promise<JetStreamPlacement> {
    this.admin ??= await openNatsConnection({ name: 'conveyor-ts:test-cluster-admin', servers: this.urls });
    return new JetStreamPlacement(this.admin);
  }

  /** The node leading `stream` (or its consumer `consumer`). */
  async leaderOf(stream: string, consumer?: string): Promise<NatsServerProcess> {
    const placement = await this.placement();
    const leader = consumer
      ? await placement.consumerLeader(stream, consumer)
      : await placement.streamLeader(stream);
    if (!leader) throw new Error(`${consumer ?? stream} has no leader right now`);
    return this.node(leader);
  }

  /** Stops every node and removes the stores. Safe to call twice. */
  async stop(): Promise<void> {
    await this.admin?.close().catch(() => undefined);
    this.admin = undefined;
    await Promise.all(this.nodes.map((node) => node.stop()));
  }
}
