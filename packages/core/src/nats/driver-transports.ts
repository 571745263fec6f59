import { connectionName, openNatsConnection, type NatsConnectOptions } from './connection';
import { NatsTransport } from './transport';

/**
 * A driver process's two NATS connections. Run logs get their own: a reconcile's hundred lines
 * (as many publishes and PubAcks, and their live copies) then never queue ahead of its result, acks
 * and heartbeats in one TCP stream and one server read loop.
 */
export interface DriverTransports {
  /** Consumers, results, acks and heartbeats. */
  readonly work: NatsTransport;
  /** Run logs: JetStream `logs.<run_id>` and the live subjects. Named `<name>:logs` on the server. */
  readonly logs: NatsTransport;
  /** Drains both; the log connection after the work one, so log lines of the last results still go out. */
  close(): Promise<void>;
}

/** Opens both with the same servers and credentials; if either fails, the other is closed and the first error thrown. */
export async function openDriverTransports(options: NatsConnectOptions): Promise<DriverTransports> {
  const name = connectionName(options);
  const [work, logs] = await Promise.allSettled([
    openNatsConnection({ ...options, name }),
    openNatsConnection({ ...options, name: `${name}:logs` }),
  ]);
  if (work.status === 'rejected' || logs.status === 'rejected') {
    for (const opened of [work, logs])
      if (opened.status === 'fulfilled') await new NatsTransport(opened.value).close();
    throw work.status === 'rejected' ? work.reason : (logs as PromiseRejectedResult).reason;
  }
  const transports = { work: new NatsTransport(work.value), logs: new NatsTransport(logs.value) };
  return {
    ...transports,
    async close() {
      await transports.work.close();
      await transports.logs.close();
    },
  };
}
