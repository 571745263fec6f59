/** An optimistic update that kept losing to concurrent writers; the caller may try again. */
export class UpdateConflictError extends Error {
  constructor(
    readonly key: readonly string[],
    attempts: number,
  ) {
    super(`${key.join('/')} kept changing under ${attempts} concurrent updates`);
  }
}
