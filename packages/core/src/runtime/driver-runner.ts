import { SHUTDOWN_SETTLE_TIMEOUT_MS } from '../constants';
import type { LogPipeline } from '../logging/log-pipeline';
import type { DeliveredMessage } from '../nats/delivered-message';
import type { DriverConsumerSpec } from '../nats/driver-consumer-spec';
import type { DriverMessageSource, PullTiming } from '../nats/driver-message-source';
import type { NatsTransport } from '../nats/transport';
import { driverFilterSubjects } from '../protocol/subjects';
import { ConcurrencyGate } from './concurrency-gate';
import type { DriverDefinition } from './driver-definition';
import { handleMessage, type MessageHandlingDeps } from './handle-message';
import { InProgressHeartbeats } from './in-progress-heartbeat';
import { PullWindow } from './pull-window';
import type { LifecycleEmitter } from './lifecycle-events';
import type { ResolvedDriverOptions } from './resolve-driver-options';
import { failHandling, interrupt } from './settlement';
import { ShutdownAbortError } from './shutdown-abort-error';
import { TrackedMessage } from './tracked-message';
import { describeThrown } from '../errors/describe-thrown';

/** One registered driver at run time: its consumer, its gate, and the messages it holds. */
export class DriverRunner {
  private readonly inFlight = new Set<TrackedMessage>();
  private readonly deps: MessageHandlingDeps;
  private idleWaiters: Array<() => void> = [];
  private stopping = false;
  private source?: DriverMessageSource;
  private readonly heartbeats: InProgressHeartbeats;
  private readonly window: PullWindow;
  private readonly whenSettled = (tracked: TrackedMessage): void => this.settled(tracked);
  private readonly whenSettling = (tracked: TrackedMessage): void => {
    const { reconcileStartedAt } = tracked;
    this.window.observe(reconcileStartedAt === undefined ? 0 : performance.now() - reconcileStartedAt);
    this.source?.release();
  };

  constructor(
    readonly driver: DriverDefinition,
    readonly options: ResolvedDriverOptions,
    private readonly transport: NatsTransport,
    private readonly logs: LogPipeline,
    private readonly events: LifecycleEmitter,
    private readonly consuming: { pull: PullTiming; jetStreamWaitMs: number },
  ) {
    this.deps = {
      driver,
      options,
      transport,
      logs,
      events,
      gate: new ConcurrencyGate(options.concurrency),
      isStopping: () => this.stopping,
    };
    this.heartbeats = new InProgressHeartbeats(options.ackWaitMs, () => this.inFlight);
    this.window = new PullWindow(options.concurrency);
  }

  get consumerSpec(): DriverConsumerSpec {
    return {
      driver: this.driver.name,
      filterSubjects: driverFilterSubjects(this.driver.name, this.driver.resources),
      deliverPolicy: this.options.deliverPolicy,
      maxAckPending: this.options.maxAckPending,
      ackWaitMs: this.options.ackWaitMs,
    };
  }

  /** Creates or updates the consumer (waiting for a JetStream without quorum), then starts pulling. */
  async start(): Promise<void> {
    const provision = () => this.transport.provisionDriverConsumer(this.consumerSpec);
    const waitMs = this.consuming.jetStreamWaitMs;
    await this.transport.provisionDriverConsumer(this.consumerSpec, {
      timeoutMs: waitMs,
      onWaiting: (reason) =>
        this.logs.process.warn(
          `JetStream is not answering for driver "${this.driver.name}" (${reason}): waiting up to ${waitMs} ms (a cluster needs a majority of its nodes; a server needs JetStream on; option jetStreamWaitMs)`,
          { driver: this.driver.name },
        ),
    });
    this.source = this.transport.driverMessageSource({
      driver: this.driver.name,
      // Each slot's running message and what waits for it; messages at the gate get heartbeats.
      window: () => this.window.size,
      pull: this.consuming.pull,
      provision,
      onMessage: (message) => this.accept(message),
      onRecovered: (description) => this.logs.process.warn(description, { driver: this.driver.name }),
      onProblem: (description) => {
        this.logs.process.warn(description, { driver: this.driver.name });
        this.events.emit('problem', { driver: this.driver.name, message: description });
      },
    });
    this.heartbeats.start();
    await this.source.start();
  }

  /**
   * Stops pulling and naks what has not started; lets running reconciles finish within `graceMs`,
   * then aborts them and naks them. Resolves when every message it held is settled, or when results
   * still being stored have had `SHUTDOWN_SETTLE_TIMEOUT_MS` more (their messages are redelivered).
   */
  async stop(graceMs: number): Promise<void> {
    this.stopping = true;
    await this.source?.stop();
    for (const tracked of this.inFlight) if (tracked.phase === 'waiting') void interrupt(tracked, this.deps);
    await within(graceMs, this.idle());
    for (const tracked of this.inFlight) {
      if (tracked.phase === 'settling' || tracked.phase === 'settled') continue;
      tracked.abort.abort(new ShutdownAbortError());
      void interrupt(tracked, this.deps);
    }
    await within(SHUTDOWN_SETTLE_TIMEOUT_MS, Promise.all([...this.inFlight].map((t) => t.settling)));
    this.heartbeats.stop();
  }

  private accept(message: DeliveredMessage): void {
    const tracked = new TrackedMessage(message, this.whenSettled, this.whenSettling);
    this.inFlight.add(tracked);
    const work = this.stopping ? interrupt(tracked, this.deps) : handleMessage(tracked, this.deps);
    work.catch((error: unknown) => {
      // handleMessage never throws by design; if it ever does, the message must still be settled, and
      // as a failed attempt: an interruption would bring it back forever.
      const description = `Driver "${this.driver.name}" failed to handle a message: ${describeThrown(error)}`;
      this.logs.process.error(description, { driver: this.driver.name });
      this.events.emit('problem', { driver: this.driver.name, message: description });
      void failHandling(tracked, this.deps, error);
    });
  }

  private settled(tracked: TrackedMessage): void {
    this.inFlight.delete(tracked);
    if (this.inFlight.size === 0) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const wake of waiters) wake();
    }
  }

  private idle(): Promise<void> {
    if (this.inFlight.size === 0) return Promise.resolve();
    return new Promise((wake) => this.idleWaiters.push(wake));
  }
}

/** Waits for `work`, or `ms` at most. */
async function within(ms: number, work: Promise<unknown>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([work, new Promise((done) => (timer = setTimeout(done, ms)))]);
  clearTimeout(timer);
}
