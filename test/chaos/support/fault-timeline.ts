import type { NatsCluster } from '@conveyor-ts/core/testing';
import type { SteadyLoad } from '../../cluster/support/steady-load';
import { longestStall } from '../../cluster/support/steady-load';
import type { DriverProcess } from '../../manager/support/driver-process';

/**
 * What happened around one fault, as one line for the CI log: the longest time nothing was
 * stored by the publisher, its failed attempts, and each driver process's connection changes and
 * warnings, in ms after the fault. A stall says where it was spent: in publishing, reconnecting or
 * pulling.
 */
export function faultTimeline(
  fault: string,
  window: { from: number; to: number },
  load: SteadyLoad,
  processes: readonly DriverProcess[],
  cluster: NatsCluster,
  /** The node the publisher's connection was on when the fault struck. */
  publisherOn: string | undefined,
): string {
  const after = (at: number) => `+${at - window.from}`;
  const inside = (at: number) => at >= window.from && at <= window.to;
  const node = (server?: string) =>
    cluster.nodes.find((n) => server && n.url.endsWith(server.replace(/^.*\/\//, '')))?.serverName ?? server;
  const parts = [
    `publisherOn=${publisherOn}`,
    `publishStallMs=${longestStall(load.storedAt, window.from, window.to)}`,
  ];
  // Retries of one refusal come every 100 ms: one entry per run of the same reason.
  const failures = load.failures.filter((f) => inside(f.at));
  for (let i = 0; i < failures.length;) {
    let j = i;
    while (j + 1 < failures.length && failures[j + 1].why === failures[i].why) j++;
    const span = j > i ? `${after(failures[i].at)}..${after(failures[j].at)}` : after(failures[i].at);
    parts.push(`publish-failed x${j - i + 1} ${span}="${failures[i].why}"`);
    i = j + 1;
  }
  processes.forEach((p, i) => {
    for (const e of p.events.filter((e) => e.event === 'connection' && inside(e.at)))
      parts.push(`p${i}:${e.status}${e.server ? `@${node(e.server)}` : ''}${after(e.at)}`);
    // A warning repeated per message (a result published again) is shown once, with its count.
    const seen = new Map<string, { first: string; count: number }>();
    for (const log of p.logs.filter((l) => inside(l.at))) {
      const shape = log.msg.replace(/[0-9a-f]{24}/g, '<id>');
      const entry = seen.get(shape) ?? { first: `p${i}${after(log.at)}="${log.msg}"`, count: 0 };
      entry.count++;
      seen.set(shape, entry);
    }
    for (const { first, count } of seen.values()) parts.push(count > 1 ? `${first} (x${count})` : first);
  });
  return `[chaos] cluster-failover ${fault}: ${parts.join(' ')}\n`;
}
