import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchReport, ScenarioResult } from '../bench-report';
import { readReport, withEarlierScenarios, writeReport } from '../results-store';

const scenario = (id: string, note: string): ScenarioResult => ({
  id,
  title: id,
  workload: note,
  table: { columns: [], rows: [] },
  targets: [],
  charts: [],
  samples: {},
});

const report = (startedAt: string, quick: boolean, scenarios: ScenarioResult[]): BenchReport => ({
  startedAt,
  wallSeconds: 1,
  command: 'npm run bench',
  quick,
  machine: {
    cores: 2,
    cpu: 'cpu',
    memoryGiB: 1,
    os: 'os',
    node: 'v20',
    natsServer: '2.10',
    loadAverage: { start: 0, end: 0 },
  },
  scenarios,
  failures: [],
});

describe('results store', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'bench-results-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes a report it can read back', () => {
    const written = report('2026-11-22T07:00:00.000Z', false, [scenario('io', 'x')]);
    const file = writeReport(written, dir);
    expect(file).toBe(join(dir, 'bench-2026-11-22T07-00-00-000Z.json'));
    expect(readReport(file)).toEqual(written);
  });

  it('fills skipped scenarios from the newest earlier full run, then quick runs, never from later ones', () => {
    writeReport(
      report('2026-11-20T00:00:00.000Z', false, [scenario('io', 'old full'), scenario('logging', 'old')]),
      dir,
    );
    writeReport(
      report('2026-11-21T00:00:00.000Z', true, [scenario('io', 'newer quick'), scenario('nestjs', 'q')]),
      dir,
    );
    writeReport(report('2026-11-23T00:00:00.000Z', false, [scenario('footprint', 'later')]), dir);
    const partial = report('2026-11-22T00:00:00.000Z', false, [scenario('protocol', 'mine')]);

    const merged = withEarlierScenarios(partial, ['protocol', 'nestjs', 'io', 'logging', 'footprint'], dir);

    expect(merged.scenarios.map((s) => [s.id, s.workload, s.carriedOverFrom?.startedAt])).toEqual([
      ['protocol', 'mine', undefined],
      ['nestjs', 'q', '2026-11-21T00:00:00.000Z'],
      ['io', 'old full', '2026-11-20T00:00:00.000Z'],
      ['logging', 'old', '2026-11-20T00:00:00.000Z'],
    ]);
  });

  it('does not cover up a scenario that failed in this run', () => {
    writeReport(report('2026-11-20T00:00:00.000Z', false, [scenario('io', 'old')]), dir);
    const failed = {
      ...report('2026-11-22T00:00:00.000Z', false, []),
      failures: [{ id: 'io', title: 'io', error: 'boom' }],
    };
    expect(withEarlierScenarios(failed, ['io'], dir).scenarios).toEqual([]);
  });
});
