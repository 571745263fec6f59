import { openNatsConnection, type NatsConnection } from '../nats/connection';
import { JetStreamPlacement } from '../nats/jetstream-placement';
import { waitForJetStream } from '../nats/jetstream-ready';
import { freePort } from '../processes/free-port';
import { NatsServerProcess } from '../processes/nats-server-process';

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

  static async start(options: NatsClusterOptions = {}): Promise<NatsCluster> {
    const size = options.size ?? 3;
    const name = `conveyor-test-${process.pid}-${Date.now()}`;
    const routePorts: number[] = [];
    for (let i = 0; i < size; i++) routePorts.push(await freePort());
    const started = await Promise.allSettled(
      routePorts.map((port) =>
        NatsServerProcess.start({ binary: options.binary, cluster: { name, port, routePorts } }),
      ),
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
    const running = this.nodes.filter((n) => n.running).map((n) => n.url);
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
