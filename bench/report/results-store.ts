import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchReport } from './bench-report';

/** bench/results/: one JSON file per run, git-ignored. */
export const RESULTS_DIR = join(__dirname, '..', 'results');

export function writeReport(report: BenchReport, dir = RESULTS_DIR): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `bench-${report.startedAt.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  return file;
}

export function readReport(file: string): BenchReport {
  return JSON.parse(readFileSync(file, 'utf8')) as BenchReport;
}

/**
 * For a partial run: the report with every scenario it skipped taken from the newest earlier run
 * that measured it (full runs preferred over `--quick` ones), marked as carried over.
 */
export function withEarlierScenarios(
  report: BenchReport,
  allIds: readonly string[],
  dir = RESULTS_DIR,
): BenchReport {
  const earlier = earlierReports(dir, report.startedAt);
  const scenarios = allIds.flatMap((id) => {
    const own = report.scenarios.find((s) => s.id === id);
    if (own || report.failures.some((f) => f.id === id)) return own ? [own] : [];
    const source = earlier.find((r) => !r.quick && has(r, id)) ?? earlier.find((r) => has(r, id));
    const found = source?.scenarios.find((s) => s.id === id);
    return found
      ? [{ ...found, carriedOverFrom: { startedAt: source!.startedAt, quick: source!.quick } }]
      : [];
  });
  return { ...report, scenarios };
}

const has = (report: BenchReport, id: string) =>
  report.scenarios.some((s) => s.id === id && !s.carriedOverFrom);

/** Reports of the suite (`bench-*.json`) started before `before`, newest first. */
function earlierReports(dir: string, before: string): BenchReport[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.startsWith('bench-') && name.endsWith('.json'))
    .map((name) => readReport(join(dir, name)))
    .filter((r) => r.startedAt < before)
    .sort((a, b) => b.startedAt.localeCompare(a.startedAt));
}
