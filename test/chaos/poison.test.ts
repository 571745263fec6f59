import { Subjects } from '@conveyor-ts/core';
import type { DriverMessageToPublish } from '@conveyor-ts/core/testing';
import { ManagerHarness, sleep, uniqueName } from '../manager/support/manager-harness';
import { malformedCorpus } from '../support/malformed-messages';
import { waitUntilDrained } from './support/drained';
import { reportFigures } from './support/report-figures';

// The shared malformed corpus, once on the driver's pipeline subject and once on the broadcast
// subject, interleaved with 200 valid events (half pipeline, half broadcast) in one stream.
jest.setTimeout(120_000);

const VALID = 200;
const h = new ManagerHarness();
beforeAll(() => h.setUp({ maxPayloadBytes: 4 * 1024 * 1024 }));
afterAll(() => h.tearDown());

it('poison mixed into a valid stream: each handled once with a clear log line, pipelines answered, all valid work done', async () => {
  const [driver, resource] = [uniqueName('poison'), uniqueName('res')];
  const corpus = malformedCorpus(resource, `-${driver}`);
  const reconciled: string[] = [];
  const { manager, logs } = await h.start([
    {
      name: driver,
      resources: [resource],
      options: { concurrency: 4 },
      reconcile: async (ctx) => {
        await sleep(2);
        reconciled.push(ctx.resource.name);
      },
    },
  ]);
  const received: Array<{ messageId: string; attempt: number }> = [];
  let retried = 0;
  let terminated = 0;
  manager
    .on('message.received', (e) => received.push(e))
    .on('message.retried', () => (retried += 1))
    .on('message.terminated', () => (terminated += 1));

  const pipelineSubject = Subjects.driverResource(driver, resource);
  const broadcastSubject = Subjects.resource(resource);
  const poison = [
    ...corpus.map((bad) => ({ subject: pipelineSubject, bad })),
    ...corpus.map((bad) => ({ subject: broadcastSubject, bad })),
  ];
  const validRunIds: string[] = [];
  const every = Math.floor(VALID / poison.length);
  for (let i = 0, next = 0; i < VALID; i++) {
    const valid: DriverMessageToPublish = { resource: { name: `ok${i}`, resource } };
    if (i % 2 === 0) valid.driver = driver;
    validRunIds.push((await h.publisher.publish(valid)).runId);
    if (i % every === every - 1 && next < poison.length) {
      const { subject, bad } = poison[next++];
      await h.publisher.publishRaw(subject, bad.data);
    }
  }
  const info = await waitUntilDrained(h, driver, 60_000);
  await sleep(300); // the last log lines and results follow the acks

  const malformedLines = logs.filter((l) => l.level === 'error' && /malformed message/.test(l.message));
  const stored = await h.results.results();
  const failures = stored.filter((r) => !r.event.driverresult.success);
  const validResults = stored.filter((r) => validRunIds.includes(r.event.run_id));
  reportFigures('poison', {
    malformedCases: corpus.length,
    malformedSent: poison.length,
    validSent: VALID,
    malformedLogLines: malformedLines.length,
    failureResults: failures.length,
    validCompleted: new Set(reconciled).size,
    redeliveries: received.filter((e) => e.attempt > 1).length,
  });

  expect(corpus.length).toBeGreaterThanOrEqual(15);
  // Exactly one clear line per malformed message, naming its problem, in the order they were sent.
  expect(malformedLines).toHaveLength(poison.length);
  for (const subject of [pipelineSubject, broadcastSubject]) {
    const lines = malformedLines.filter((l) => l.labels.subject === subject);
    expect(lines).toHaveLength(corpus.length);
    corpus.forEach((bad, i) => {
      expect(lines[i].message).toMatch(bad.problem);
      expect(lines[i].message.length).toBeLessThan(2_000);
      const answered = /answering the pipeline with a failure result/.test(lines[i].message);
      expect(answered).toBe(subject === pipelineSubject);
    });
  }
  // Handled once: nothing redelivered or retried; each poison message terminated once.
  expect(received.filter((e) => e.attempt > 1)).toHaveLength(0);
  expect(retried).toBe(0);
  expect(terminated).toBe(poison.length);
  // A failure result for each pipeline-subject message, none for broadcasts.
  expect(failures).toHaveLength(corpus.length);
  expect(new Set(failures.map((r) => r.msgId)).size).toBe(corpus.length);
  for (const bad of corpus.filter((b) => b.runId)) {
    const answer = failures.find((r) => r.event.run_id === bad.runId);
    expect(answer?.event.driverresult.message).toMatch(bad.problem);
    expect(answer?.event.resource.resource).toBe(resource);
  }
  // Every valid event completed once, answered with success.
  expect(reconciled.sort()).toEqual(Array.from({ length: VALID }, (_, i) => `ok${i}`).sort());
  expect(validResults).toHaveLength(VALID);
  expect(validResults.every((r) => r.event.driverresult.success)).toBe(true);
  expect(info).toMatchObject({ num_pending: 0, num_ack_pending: 0 });
});
