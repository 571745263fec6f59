/** Records every unhandled rejection while the calling test file runs (jest hooks). */
export function recordUnhandledRejections(): unknown[] {
  const seen: unknown[] = [];
  const record = (reason: unknown) => void seen.push(reason);
  beforeAll(() => process.on('unhandledRejection', record));
  afterAll(() => process.off('unhandledRejection', record));
  return seen;
}
