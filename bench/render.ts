/**
 * Regenerates docs/benchmarks.md and docs/benchmarks.svg from a results file, without measuring:
 * `npm run bench:render -- bench/results/bench-<time>.json` (after editing the template).
 */
import { publishDocs } from './report/publish-docs';
import { readReport, withEarlierScenarios } from './report/results-store';
import { SCENARIOS } from './scenarios';

const file = process.argv[2];
if (!file) {
  console.error('usage: npm run bench:render -- bench/results/bench-<time>.json');
  process.exit(2);
}
const ids = SCENARIOS.map((s) => s.id);
console.log(`regenerated ${publishDocs(withEarlierScenarios(readReport(file), ids))}`);
