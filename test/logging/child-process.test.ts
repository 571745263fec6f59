import { spawn } from 'node:child_process';
import { once } from 'node:events';
import {
  createLogPipeline,
  followLiveLogs,
  type LogEntry,
  type LogPipeline,
  type NatsTransport,
} from '@conveyor-ts/core';
import { startTestEnvironment, type TestEnvironment } from '@conveyor-ts/core/testing';
import { bindings, connectTransport } from './log-test-kit';

// A real child process writing LF and CRLF lines, a line split across writes, a multi-byte
// character split across chunks, a progress bar rewritten with lone CRs, and no final newline.
const SCRIPT = `
const out = process.stdout;
out.write('first line\\n');
out.write('windows line\\r\\n');
out.write('partial ');
setTimeout(() => {
  out.write('line completed\\n');
  const euro = Buffer.from('price: 5 \\u20ac\\n');
  out.write(euro.subarray(0, 10));
  setTimeout(() => {
    out.write(euro.subarray(10));
    out.write('10%\\r50%\\r100%\\n');
    process.stderr.write('warning: from stderr\\n');
    out.write('no newline at exit');
  }, 20);
}, 20);
`;

describe('log pipeline: child process output', () => {
  let env: TestEnvironment;
  let transport: NatsTransport;
  let pipeline: LogPipeline;

  beforeAll(async () => {
    env = await startTestEnvironment();
    transport = await connectTransport(env.url);
    pipeline = createLogPipeline(transport, { sinks: { stdout: false } });
  });
  afterAll(async () => {
    await pipeline.close();
    await transport.close();
    await env.stop();
  });

  it('becomes one entry per line, followed live with followLiveLogs', async () => {
    const follower = followLiveLogs(transport, 'run-child');
    const received: LogEntry[] = [];
    const reading = (async () => {
      for await (const entry of follower) {
        received.push(entry);
        if (received.length === 9) break;
      }
    })();

    const logger = pipeline.forRun(bindings('run-child'));
    const child = spawn(process.execPath, ['-e', SCRIPT], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.pipe(logger.stream());
    child.stderr.pipe(logger.stream({ level: 'warn' }));
    await once(child, 'close');
    await pipeline.flush();
    await reading;

    const stdoutLines = received.map((e) => e.message).filter((m) => !m.startsWith('warning'));
    expect(stdoutLines).toEqual([
      'first line',
      'windows line',
      'partial line completed',
      'price: 5 €',
      '10%',
      '50%',
      '100%',
      'no newline at exit',
    ]);
    expect(received.map((e) => e.message)).toContain('warning: from stderr');
    for (const entry of received) expect(entry).toMatchObject({ runid: 'run-child', driver: 'git-cloner' });
  });
});
