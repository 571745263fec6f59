// Interim: replaced by test/upstream/support's harness when issue-12-upstream lands.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@conveyor-ts/core/testing';

export async function startInterimUpstream(): Promise<{
  apiUrl: string;
  natsUrl: string;
  stop(): Promise<void>;
}> {
  const recipe = join(__dirname, '../../../../../shared/upstream-server');
  const data = mkdtempSync(join(tmpdir(), 'conveyor-upstream-'));
  const api = await freePort();
  const nats = await freePort();
  const pid = execFileSync(
    'bash',
    [join(recipe, 'start.sh'), '/work/upstream-build/conveyor', data, `${api}`, `${nats}`],
    {
      encoding: 'utf8',
    },
  ).trim();
  return {
    apiUrl: `http://127.0.0.1:${api}`,
    natsUrl: `nats://127.0.0.1:${nats}`,
    async stop() {
      spawnSync('kill', ['-TERM', `-${pid}`]);
      await new Promise((r) => setTimeout(r, 1000));
      spawnSync('kill', ['-KILL', `-${pid}`]);
      rmSync(data, { recursive: true, force: true });
    },
  };
}
