import markTestRun from '../../support/hygiene/global-setup';
import { findUpstreamTools } from './upstream-tools';

/**
 * Jest's globalSetup for the upstream project: the hygiene guard's run marker, as every project has,
 * and one plain line saying why its suites are skipped when the real server is absent.
 */
export default function announceSkip(): void {
  markTestRun();
  const tools = findUpstreamTools();
  if (typeof tools === 'string') process.stderr.write(`\nupstream suites skipped: ${tools}\n`);
}
