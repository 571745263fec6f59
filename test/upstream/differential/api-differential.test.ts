import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { API_SEQUENCE } from './api-sequence';
import { differences, sendScripted } from './compare-answers';
import { DELIBERATE_DEVIATIONS } from './deliberate-deviations';
import { describeUpstream } from '../support/upstream-tools';
import { startBothServers, type BothServers } from './both-servers';

jest.setTimeout(180_000);

describeUpstream('the local control plane answers the scripted API sequence as the real server does', () => {
  let servers: BothServers;

  beforeAll(async () => {
    servers = await startBothServers();
  });
  afterAll(() => servers?.stop());

  it('differs only where docs/control-plane.md lists a deliberate deviation', async () => {
    const found: Record<string, string[]> = {};
    for (const call of API_SEQUENCE) {
      const theirs = await sendScripted(servers.upstream.apiUrl, call);
      const ours = await sendScripted(servers.local.apiUrl, call);
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
