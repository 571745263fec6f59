import { findUpstreamTools } from './upstream-tools';

/** Jest's globalSetup for the upstream project: says once, plainly, why its suites are skipped. */
export default function announceSkip(): void {
  const tools = findUpstreamTools();
  if (typeof tools === 'string') process.stderr.write(`\nupstream suites skipped: ${tools}\n`);
}
