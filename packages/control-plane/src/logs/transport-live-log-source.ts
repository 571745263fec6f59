import { Subjects, type NatsTransport } from '@conveyor-ts/core';
import type { LiveLogSource, LiveLogSubscription } from './live-log-source';

/** Live log payloads from core NATS through core's transport. */
export class TransportLiveLogSource implements LiveLogSource {
  private readonly decoder = new TextDecoder();

  constructor(private readonly transport: NatsTransport) {}

  subscribe(runid: string, driver: string | undefined): LiveLogSubscription {
    const subject = driver === undefined ? Subjects.liveLogsOfRun(runid) : Subjects.liveLogs(runid, driver);
    const subscription = this.transport.subscribe(subject);
    const decoder = this.decoder;
    return {
      close: () => subscription.close(),
      async *[Symbol.asyncIterator]() {
        for await (const message of subscription) yield decoder.decode(message.data);
      },
    };
  }
}
