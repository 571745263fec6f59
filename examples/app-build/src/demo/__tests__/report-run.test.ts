import { PassThrough } from 'node:stream';
import type { RunRecord } from '@conveyor-ts/core';
import { DemoConsole } from '../demo-console';
import { reportRun } from '../report-run';

const base = {
  runid: 'r-1',
  resource: { type: 'app-build', name: 'hello-app', id: 'id-1' },
  pipeline: 'app-build',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:01.000Z',
};

function printed(run: RunRecord): string {
  const out = new PassThrough();
  let text = '';
  out.on('data', (c: Buffer) => (text += c.toString()));
  reportRun(run, new DemoConsole(out as never, out as never));
  return text;
}

describe('reportRun', () => {
  it('prints the commit, the image and the digest of a succeeded run', () => {
    const text = printed({
      ...base,
      status: 'succeeded',
      steps: [
        { index: 0, driver: 'git-cloner', status: 'succeeded', data: { commit: 'c0ffee', ref: 'main' } },
        {
          index: 1,
          driver: 'image-pusher',
          status: 'succeeded',
          data: { image: 'r/x:1', digest: 'sha256:ab' },
        },
      ],
    });
    expect(text).toContain('Pipeline app-build (run r-1) succeeded');
    expect(text).toMatch(/commit +c0ffee\n/);
    expect(text).toMatch(/image +r\/x:1\n/);
    expect(text).toMatch(/digest +sha256:ab\n/);
  });

  it('names the failed step, its position and its message', () => {
    const text = printed({
      ...base,
      status: 'failed',
      steps: [
        { index: 0, id: '1', name: 'Clone', driver: 'git-cloner', status: 'failed', message: 'fatal: nope' },
        { index: 1, driver: 'image-pusher', status: 'pending' },
      ],
    });
    expect(text).toContain('Pipeline app-build (run r-1) failed');
    expect(text).toContain('step 1 of 2 "Clone" (git-cloner) failed:\n  fatal: nope');
    expect(text).not.toContain('digest');
  });
});
