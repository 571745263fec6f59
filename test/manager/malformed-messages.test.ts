import { encodeJson, type DriverDefinition, type MessageReceivedEvent } from '@conveyor-ts/core';
import {
  DriverMessagePublisher,
  ResultCollector,
  startTestEnvironment,
  type TestEnvironment,
} from '@conveyor-ts/core/testing';
import { captureLogs } from './support/capture-logs';
import { eventually, sleep } from './support/manager-harness';
import { DriverManager } from '@conveyor-ts/core';

jest.setTimeout(60_000);

const DRIVER = 'picky';
const RESOURCE = 'thing';
const pipelineSubject = `drivers.${DRIVER}.resources.${RESOURCE}`;
const broadcastSubject = `resources.${RESOURCE}`;
const text = (s: string) => new TextEncoder().encode(s);
const validPayload = JSON.stringify({
  id: 'r1',
  name: 'n',
  resource: RESOURCE,
  pipeline: 'p',
  metadata: null,
  spec: null,
});
let ids = 0;
// Distinct ids: results are deduplicated by message id, as they must be for real redeliveries.
const envelope = (fields: Record<string, unknown>) =>
  encodeJson({ event: 'create', payload: validPayload, id: `bad${(ids += 1)}`, run_id: 'run-1', ...fields });

/** Each bad input, the subject it arrives on, and a fragment its log line must contain. */
const corpus: Array<{ name: string; data: Uint8Array; problem: RegExp; runId?: string }> = [
  { name: 'not JSON', data: text('hello {'), problem: /message: is not valid JSON/ },
  {
    name: 'JSON that is not an object',
    data: text('[1,2]'),
    problem: /message: must be a JSON object, got an array/,
  },
  {
    name: 'missing event',
    data: encodeJson({ payload: validPayload, id: 'm1', run_id: 'run-ev' }),
    problem: /event/,
    runId: 'run-ev',
  },
  {
    name: 'missing id',
    data: encodeJson({ event: 'create', payload: validPayload, run_id: 'run-id' }),
    problem: /\bid\b/,
    runId: 'run-id',
  },
  {
    name: 'missing run_id',
    data: encodeJson({ event: 'create', payload: validPayload, id: 'm3' }),
    problem: /run_id/,
  },
  {
    name: 'payload not JSON',
    data: envelope({ payload: '{nope', run_id: 'run-pj' }),
    problem: /payload: is not valid JSON/,
    runId: 'run-pj',
  },
  {
    name: 'payload not a resource',
    data: envelope({ payload: '"just text"', run_id: 'run-pr' }),
    problem: /payload: must hold a Resource object, got string/,
    runId: 'run-pr',
  },
  {
    name: 'wrong field types',
    data: envelope({ event: 42, run_id: 'run-wt' }),
    problem: /event/,
    runId: 'run-wt',
  },
  {
    name: 'resource with wrong types',
    data: envelope({ payload: JSON.stringify({ name: 7, resource: RESOURCE }), run_id: 'run-rt' }),
    problem: /payload\.name/,
    runId: 'run-rt',
  },
  {
    name: 'a 2 MB payload that is not JSON',
    data: envelope({ payload: 'x'.repeat(2 * 1024 * 1024), run_id: 'run-big' }),
    problem: /payload: is not valid JSON/,
    runId: 'run-big',
  },
  {
    name: 'invalid UTF-8',
    data: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]),
    problem: /message: is not valid UTF-8/,
  },
];

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
      const info = await (
        await publisher.transport.connection.jetstreamManager()
      ).consumers.info('messages', DRIVER);
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
