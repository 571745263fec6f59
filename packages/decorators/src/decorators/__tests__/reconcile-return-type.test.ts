import 'reflect-metadata';
import type { DriverResult } from '@conveyor-ts/core';
import { Reconcile } from '@conveyor-ts/decorators';

/**
 * Type-level cases: `npm run typecheck` fails if a wrong result shape compiles (an unused
 * `@ts-expect-error` is itself an error). Jest only confirms the classes are still decorated.
 */
class Accepted {
  @Reconcile()
  nothing(): void {}

  @Reconcile()
  async result(): Promise<DriverResult> {
    return { success: true, message: 'ok' };
  }

  @Reconcile()
  sync(_runId: string): DriverResult<{ image: string }> {
    return { success: false, message: 'no', data: { image: 'x' } };
  }
}

class Refused {
  // @ts-expect-error `success` is not a boolean
  @Reconcile()
  wrongSuccess() {
    return { success: 'yes', message: 'done' };
  }

  // @ts-expect-error a string is not a DriverResult
  @Reconcile()
  async text(): Promise<string> {
    return 'done';
  }

  // @ts-expect-error `message` must be a string
  @Reconcile()
  wrongMessage() {
    return { success: true, message: 42 };
  }
}

describe('@Reconcile() return type', () => {
  it('types the method so only a DriverResult or nothing compiles (checked by npm run typecheck)', () => {
    expect(typeof Accepted.prototype.result).toBe('function');
    expect(typeof Refused.prototype.text).toBe('function');
  });
});
