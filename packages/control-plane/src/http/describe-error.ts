/** An unexpected error in words; never throws, whatever was thrown (a `toString` may throw itself). */
export function describeError(error: unknown): string {
  try {
    return error instanceof Error ? error.message : String(error);
  } catch {
    return 'unexpected error';
  }
}
