import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchReport } from './bench-report';
import { renderMarkdown } from './render-markdown';
import { renderBarChart } from './svg-bar-chart';

const DOCS = join(__dirname, '..', '..', 'docs');
const TEMPLATE = join(__dirname, 'benchmarks.template.md');
const CHART_FILE = 'benchmarks.svg';

/** Regenerates docs/benchmarks.md and docs/benchmarks.svg from a report; returns the markdown path. */
export function publishDocs(report: BenchReport): string {
  const panels = report.scenarios.flatMap((s) => s.charts);
  writeFileSync(
    join(DOCS, CHART_FILE),
    renderBarChart(panels, `conveyor-ts benchmarks, ${report.startedAt.slice(0, 10)}`),
  );
  const markdown = join(DOCS, 'benchmarks.md');
  writeFileSync(markdown, renderMarkdown(readFileSync(TEMPLATE, 'utf8'), report, CHART_FILE));
  return markdown;
}
