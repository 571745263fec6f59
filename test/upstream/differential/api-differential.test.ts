import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { startTestEnvironment, type TestEnvironment } from '@conveyor-ts/core/testing';
import { ControlPlane } from '@conveyor-ts/control-plane';
import { API_SEQUENCE } from './api-sequence';
import { differences, sendScripted } from './compare-answers';
import { DELIBERATE_DEVIATIONS } from './deliberate-deviations';
import { describeUpstream } from '../support/upstream-tools';
import { startUpstreamServer, type UpstreamServer } from '../support/upstream-server';

jest.setTimeout(180_000);

describeUpstream('the local control plane answers the scripted API sequence as the real server does', () => {
  let upstream: UpstreamServer;
  let env: TestEnvironment;
  let local: ControlPlane;

  beforeAll(async () => {
    upstream = await startUpstreamServer();
    env = await startTestEnvironment();
    local = await ControlPlane.start({
      natsUrl: env.url,
      port: 0,
      logger: { info() {}, warn() {}, error() {} },
    });
  });
  afterAll(async () => {
    await local?.stop();
    await env?.stop();
    await upstream?.stop();
  });

  it('differs only where docs/control-plane.md lists a deliberate deviation', async () => {
    const found: Record<string, string[]> = {};
    for (const call of API_SEQUENCE) {
      const theirs = await sendScripted(upstream.apiUrl, call);
      const ours = await sendScripted(local.apiUrl, call);
      const diff = differences(theirs, ours);
      if (diff.length > 0) found[call.label] = diff;
    }
    const report = Object.entries(found).map(([label, diff]) => `${label}\n  ${diff.join('\n  ')}`);
    console.log(`differences (upstream ≠ local):\n${report.join('\n') || '(none)'}`);

    const unexplained = Object.keys(found).filter((label) => !(label in DELIBERATE_DEVIATIONS));
    const gone = Object.keys(DELIBERATE_DEVIATIONS).filter((label) => !(label in found));
    expect({ unexplained, gone }).toEqual({ unexplained: [], gone: [] });

    const docs = readFileSync(resolve(__dirname, '../../../docs/control-plane.md'), 'utf8');
    for (const label of Object.keys(DELIBERATE_DEVIATIONS))
      expect([label, docs.includes(`\`${label}\``)]).toEqual([label, true]);
  });
});
