/** One setting of an existing consumer that differs from what the driver asks for. */
export interface ConsumerDifference {
  setting: string;
  existing: unknown;
  wanted: unknown;
}

/**
 * The driver's consumer exists with settings the server cannot change in place (or that make it
 * unusable); lists every difference so the operator knows what to delete or rename.
 */
export class ConsumerConflictError extends Error {
  override readonly name = 'ConsumerConflictError';

  constructor(
    readonly consumer: string,
    readonly differences: readonly ConsumerDifference[],
    detail = 'cannot be updated in place',
  ) {
    const listed = differences
      .map((d) => `${d.setting}: existing ${JSON.stringify(d.existing)}, wanted ${JSON.stringify(d.wanted)}`)
      .join('; ');
    super(
      `Consumer "${consumer}" on stream "messages" ${detail} (${listed}). Delete it (nats consumer rm messages ${consumer}) or use another driver name.`,
    );
  }
}
