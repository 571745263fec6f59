import type { DriverDefinition, MessageReceivedEvent } from '@conveyor-ts/core';
import {
  DriverMessagePublisher,
  ResultCollector,
  startTestEnvironment,
  type TestEnvironment,
} from '@conveyor-ts/core/testing';
import { malformedCorpus } from '../support/malformed-messages';
import { captureLogs } from './support/capture-logs';
import { eventually, sleep } from './support/manager-harness';
import { DriverManager } from '@conveyor-ts/core';

jest.setTimeout(60_000);

const DRIVER = 'picky';
const RESOURCE = 'thing';
const pipelineSubject = `drivers.${DRIVER}.resources.${RESOURCE}`;
const broadcastSubject = `resources.${RESOURCE}`;
// The shared corpus (test/support/malformed-messages.ts), also mixed into a valid stream by the chaos suite.
const corpus = malformedCorpus(RESOURCE);

let env: TestEnvironment;
let publisher: DriverMessagePublisher;
let results: ResultCollector;
let manager: DriverManager;
const logs = captureLogs();
const received: MessageReceivedEvent[] = [];
const reconciled: string[] = [];

beforeAll(async () => {
  env = await startTestEnvironment({ maxPayloadBytes: 4 * 1024 * 1024 });
  publisher = await DriverMessagePublisher.connect(env.url);
  results = await ResultCollector.connect(env.url);
  const driver: DriverDefinition = {
    name: DRIVER,
    resources: [RESOURCE],
    reconcile: (ctx) => void reconciled.push(ctx.resource.name),
  };
  manager = new DriverManager({
    config: { natsUrl: env.url },
    handleSignals: false,
    logPipeline: () => logs.pipeline,
  });
  manager.register(driver).on('message.received', (e) => received.push(e));
  await manager.start();
});
afterAll(async () => {
  await manager?.stop();
  await publisher?.close();
  await results?.close();
  await env?.stop();
});

describe('malformed messages', () => {
  it('terminates each once with a precise log line, answers pipeline subjects, keeps serving', async () => {
    for (const bad of corpus) await publisher.publishRaw(pipelineSubject, bad.data);
    for (const bad of corpus) await publisher.publishRaw(broadcastSubject, bad.data);
    const good = await publisher.publish({
      resource: { name: 'after-the-storm', resource: RESOURCE },
      driver: DRIVER,
    });

    await eventually('every message settled', async () => {
      const info = await (await publisher.connection.jetstreamManager()).consumers.info('messages', DRIVER);
      return info.num_pending === 0 && info.num_ack_pending === 0;
    });
    await sleep(300);

    const errors = logs.lines.filter((l) => l.level === 'error' && /malformed message/.test(l.message));
    expect(errors).toHaveLength(corpus.length * 2);
    corpus.forEach((bad, i) => {
      for (const line of [errors[i], errors[corpus.length + i]]) {
        expect(line.message).toMatch(bad.problem);
        expect(line.message.length).toBeLessThan(2_000); // the 2 MB payload is not echoed
      }
      expect(errors[i].message).toMatch(/answering the pipeline with a failure result/);
      expect(errors[corpus.length + i].message).not.toMatch(/failure result/);
    });

    const stored = await results.results();
    const failures = stored.filter((r) => !r.event.driverresult.success);
    expect(failures).toHaveLength(corpus.length); // pipeline subjects only, one each
    expect(new Set(failures.map((r) => r.msgId)).size).toBe(corpus.length);
    for (const bad of corpus.filter((b) => b.runId)) {
      const answer = failures.find((r) => r.event.run_id === bad.runId);
      expect(answer?.event.driverresult.message).toMatch(bad.problem);
      expect(answer?.event.resource.resource).toBe(RESOURCE);
    }
    expect(received.filter((e) => e.attempt > 1)).toHaveLength(0); // nothing redelivered
    expect(reconciled).toEqual(['after-the-storm']);
    expect(stored.find((r) => r.event.run_id === good.runId)?.event.driverresult.success).toBe(true);
  });
});
