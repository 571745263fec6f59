import { RECONCILE_TURN_BUDGET_MS } from '../../constants';
import { RecordingLogger } from '../../testing/recording-logger';
import { AbortSwitch } from '../abort-switch';
import type { DriverDefinition, ReconcileFunction } from '../driver-definition';
import type { ReconcileContext } from '../reconcile-context';
import { ReconcileTimeoutError } from '../reconcile-timeout-error';
import { runReconcile } from '../run-reconcile';
import { ShutdownAbortError } from '../shutdown-abort-error';

function run(reconcile: ReconcileFunction, timeoutMs = 1000, abort = new AbortSwitch()) {
  const driver: DriverDefinition = { name: 'builder', resources: ['build'], reconcile };
  const context: ReconcileContext = {
    resource: { name: 'web', resource: 'build', spec: {} },
    event: 'create',
    runId: 'run',
    logger: new RecordingLogger(),
    message: {
      id: 'm',
      subject: 'resources.build',
      route: { kind: 'broadcast', resource: 'build' },
      attempt: 1,
    },
    get signal() {
      return abort.signal;
    },
  };
  return runReconcile(driver, context, { abort }, timeoutMs);
}

describe('runReconcile', () => {
  it('turns undefined into a success result', async () => {
    await expect(run(() => undefined)).resolves.toEqual({
      kind: 'reconciled',
      result: { success: true, message: '', data: null },
    });
  });

  it('returns success: false as a returned result, not a failure', async () => {
    await expect(run(async () => ({ success: false, message: 'no such ref' }))).resolves.toEqual({
      kind: 'reconciled',
      result: { success: false, message: 'no such ref', data: null },
    });
  });

  it('turns a synchronous throw, a rejection and a thrown non-Error into a failed attempt', async () => {
    await expect(
      run(() => {
        throw new Error('sync');
      }),
    ).resolves.toMatchObject({ kind: 'failed', error: { message: 'sync' } });
    await expect(run(async () => Promise.reject(new Error('async')))).resolves.toMatchObject({
      kind: 'failed',
      error: { message: 'async' },
    });
    await expect(
      run(() => {
        throw 'a string';
      }),
    ).resolves.toMatchObject({ kind: 'failed', error: { message: 'a string' } });
  });

  it('aborts the signal on timeout and reports a ReconcileTimeoutError, without waiting for a reconcile that ignores it', async () => {
    let signal: AbortSignal | undefined;
    const outcome = await run(({ signal: s }) => {
      signal = s;
      return new Promise(() => undefined); // hangs forever
    }, 20);
    expect(outcome).toMatchObject({ kind: 'failed' });
    expect((outcome as { error: Error }).error).toBeInstanceOf(ReconcileTimeoutError);
    expect((outcome as { error: Error }).error.message).toBe('reconcile did not finish within 20 ms');
    expect(signal?.aborted).toBe(true);
  });

  it('counts the synchronous part of an async reconcile against its timeout', async () => {
    const started = performance.now();
    const outcome = await run(() => {
      while (performance.now() - started < 60); // 60 ms of CPU before the promise is returned
      return new Promise(() => undefined);
    }, 40);
    expect((outcome as { error: Error }).error).toBeInstanceOf(ReconcileTimeoutError);
    // The timer had nothing left to wait: it fired at once, not 40 ms after the return.
    expect(performance.now() - started).toBeLessThan(60 + 30);
  });

  it('lets a synchronous reconcile that ran past the timeout succeed: nothing could interrupt it', async () => {
    const started = performance.now();
    const outcome = await run(() => {
      while (performance.now() - started < 30);
      return { success: true, message: 'done' };
    }, 10);
    expect(outcome).toEqual({ kind: 'reconciled', result: { success: true, message: 'done', data: null } });
  });

  it('reports a timeout even when the reconcile rejects with its own error after the abort', async () => {
    const outcome = await run(
      ({ signal }) =>
        new Promise((_, reject) =>
          signal.addEventListener('abort', () => reject(new Error('aborted by fetch'))),
        ),
      10,
    );
    expect((outcome as { error: Error }).error).toBeInstanceOf(ReconcileTimeoutError);
  });

  it('reports a shutdown abort as interrupted, not as a failure', async () => {
    const abort = new AbortSwitch();
    const pending = run(() => new Promise(() => undefined), 10_000, abort);
    abort.abort(new ShutdownAbortError());
    await expect(pending).resolves.toEqual({ kind: 'interrupted' });
  });

  it('does not call a reconcile whose message was aborted before it started', async () => {
    const abort = new AbortSwitch();
    abort.abort(new ShutdownAbortError());
    const reconcile = jest.fn();
    await expect(run(reconcile, 1000, abort)).resolves.toEqual({ kind: 'interrupted' });
    expect(reconcile).not.toHaveBeenCalled();
  });

  it('never starts a reconcile that was aborted while it waited for its turn of the event loop', async () => {
    const abort = new AbortSwitch();
    const started: string[] = [];
    let second: Promise<unknown> | undefined;
    await run(() => {
      const until = performance.now() + 2 * RECONCILE_TURN_BUDGET_MS;
      while (performance.now() < until); // spends this turn's budget: the next reconcile must wait
      second = run(() => void started.push('second'), 1000, abort);
      abort.abort(new ShutdownAbortError());
    });
    await expect(second).resolves.toEqual({ kind: 'interrupted' });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(started).toEqual([]);
  });

  it.each<[string, unknown, string]>([
    ['a string', 'done', 'reconcile returned "done", not a DriverResult {success, message, data}'],
    ['no success flag', { message: 'x' }, 'reconcile returned {"message":"x"}, not a DriverResult'],
    ['a non-string message', { success: true, message: 42 }, 'result whose message is not a string: 42'],
  ])('refuses %s as a failed attempt', async (_case, returned, message) => {
    const outcome = await run(() => returned as never);
    expect(outcome.kind).toBe('failed');
    expect((outcome as { error: Error }).error.message).toContain(message);
  });

  it('refuses data that cannot be serialized to JSON', async () => {
    const data: Record<string, unknown> = {};
    data.self = data;
    const outcome = await run(() => ({ success: true, message: '', data }));
    expect((outcome as { error: Error }).error.message).toMatch(
      /^reconcile returned data that cannot be serialized to JSON/,
    );
  });

  it.each<[string, () => unknown, string]>([
    ['an object with no prototype', () => Object.create(null), 'an object with no prototype: {}'],
    [
      'an object whose toString throws',
      () => ({
        toString() {
          throw new Error('no text');
        },
      }),
      'an object whose string conversion throws (no text)',
    ],
    [
      'an Error whose message getter throws',
      () =>
        Object.defineProperty(new Error(), 'message', {
          get() {
            throw new Error('no message');
          },
        }),
      'Error whose message cannot be read (no message)',
    ],
    ['a revoked Proxy', () => revokedProxy(), 'an object whose description throws'],
    ['a Symbol', () => Symbol('odd'), 'Symbol(odd)'],
    ['a BigInt', () => 7n, '7n'],
  ])(
    'turns a thrown value that cannot become text (%s) into a failed attempt',
    async (_case, value, message) => {
      const thrown = await run(() => {
        throw value();
      });
      expect(thrown.kind).toBe('failed');
      expect((thrown as { error: Error }).error.message).toContain(message);
      const rejected = await run(() => Promise.reject(value()));
      expect((rejected as { error: Error }).error.message).toContain(message);
    },
  );

  it('refuses a result whose getters throw, or whose data throws when serialized, with a readable message', async () => {
    const hostileResult = Object.defineProperty({}, 'success', {
      get() {
        throw Object.create(null);
      },
    });
    const outcome = await run(() => hostileResult as never);
    expect(outcome).toMatchObject({ kind: 'failed', error: { message: 'an object with no prototype: {}' } });

    const data = {
      toJSON() {
        throw Symbol('no json');
      },
    };
    const refused = await run(() => ({ success: true, message: '', data }));
    expect((refused as { error: Error }).error.message).toBe(
      'reconcile returned data that cannot be serialized to JSON: Symbol(no json)',
    );
  });
});

function revokedProxy(): object {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
}
