/**
 * The benchmark suite (issue 8). Run: `npm run bench` (about 8 minutes), `npm run bench -- --quick`
 * (a smoke run), `npm run bench -- --only protocol,nestjs`. Every scenario compares the framework
 * with its peer in the same run, alternating, on one private nats-server. Each run writes
 * bench/results/bench-<time>.json and regenerates docs/benchmarks.md and docs/benchmarks.svg.
 */
import { loadavg } from 'node:os';
import { parseBenchArgs } from './cli-args';
import { openBench } from './harness/bench-context';
import { describeMachine } from './harness/machine';
import type { BenchReport, ScenarioFailure, ScenarioResult } from './report/bench-report';
import { publishDocs } from './report/publish-docs';
import { withEarlierScenarios, writeReport } from './report/results-store';
import { SCENARIOS } from './scenarios';
import type { BenchPlan } from './scenarios/scenario';

const FULL: BenchPlan = { quick: false, rounds: 5, scale: 1 };
const QUICK: BenchPlan = { quick: true, rounds: 1, scale: 0.2 };

async function main(): Promise<void> {
  const ids = SCENARIOS.map((s) => s.id);
  const args = parseBenchArgs(process.argv.slice(2), ids);
  const plan = args.quick ? QUICK : FULL;
  const selected = SCENARIOS.filter((s) => !args.only || args.only.includes(s.id));
  const startedAt = new Date().toISOString();
  const loadAtStart = loadavg()[0];
  const began = performance.now();
  const scenarios: ScenarioResult[] = [];
  const failures: ScenarioFailure[] = [];

  const bench = await openBench();
  let natsServer = 'unknown';
  try {
    natsServer = bench.ctx.admin.info?.version ?? natsServer;
    for (const scenario of selected) {
      console.log(`\n== ${scenario.title}`);
      const scenarioBegan = performance.now();
      try {
        scenarios.push(await scenario.run(bench.ctx, plan, (line) => console.log(`  ${line}`)));
      } catch (error) {
        // One broken scenario must not cost the figures of the others: the report says what failed.
        console.error(error);
        failures.push({
          id: scenario.id,
          title: scenario.title,
          error: (error as Error).message ?? String(error),
        });
      }
      console.log(`  (${Math.round((performance.now() - scenarioBegan) / 1000)} s)`);
    }
  } finally {
    await bench.close();
  }

  const report: BenchReport = {
    startedAt,
    wallSeconds: (performance.now() - began) / 1000,
    command: ['npm run bench', ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : [])].join(
      ' ',
    ),
    quick: plan.quick,
    machine: describeMachine(natsServer, loadAtStart),
    scenarios,
    failures,
  };
  const file = writeReport(report);
  const docs = args.noDocs ? 'nothing (--no-docs)' : publishDocs(withEarlierScenarios(report, ids));
  console.log('\nTargets:');
  for (const s of scenarios) {
    for (const t of s.targets) console.log(`  ${t.met ? 'met   ' : 'MISSED'} ${t.target}: ${t.measured}`);
  }
  for (const f of failures) console.log(`  FAILED ${f.title}: ${f.error}`);
  console.log(`\nwall time ${Math.round(report.wallSeconds)} s; results in ${file}; regenerated ${docs}`);
  if (failures.length > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
