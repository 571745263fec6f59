import { listExports, publicEntryPoints } from '../list-exports';

// Growth of the public API is a decision: a new or removed export changes this snapshot, which a
// reviewer sees; accept it with `npx jest scripts/api-report -u` once it is meant.
describe('public API report', () => {
  const entryPoints = publicEntryPoints();
  const lists = listExports(entryPoints);

  it('covers every public entry point', () => {
    expect([...entryPoints.keys()].sort()).toEqual([
      '@conveyor-ts/cli',
      '@conveyor-ts/control-plane',
      '@conveyor-ts/core',
      '@conveyor-ts/core/processes',
      '@conveyor-ts/core/testing',
      '@conveyor-ts/decorators',
      '@conveyor-ts/decorators/testing',
    ]);
  });

  it.each([...entryPoints.keys()])('%s exports what it did', (entryPoint) => {
    expect(lists.get(entryPoint)).toMatchSnapshot();
  });

  it('keeps the runtime plumbing and tuning constants out of @conveyor-ts/core', () => {
    const core = lists.get('@conveyor-ts/core') ?? [];
    for (const internal of [
      'LifecycleEmitter',
      'toDeliveredMessage',
      'RECONCILE_TURN_BUDGET_MS',
      'retryDelay',
    ]) {
      expect(core).not.toContain(internal);
    }
  });
});
