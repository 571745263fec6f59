import { ConcurrencyGate } from '../concurrency-gate';
import { deferred, settle, type Deferred } from './support/deferred';

/** Queues tasks that record when they start and finish only when the test resolves them. */
function harness(limit: number) {
  const gate = new ConcurrencyGate(limit);
  const started: string[] = [];
  const work = new Map<string, Deferred>();
  const submit = (name: string, key?: string) => {
    const d = deferred();
    work.set(name, d);
    return gate.run(key, async () => {
      started.push(name);
      await d.promise;
      return name;
    });
  };
  const finish = async (name: string) => {
    work.get(name)!.resolve();
    await settle();
  };
  return { gate, started, submit, finish };
}

describe('ConcurrencyGate', () => {
  it('runs at most `limit` tasks at once and starts the next one as a slot frees', async () => {
    const { gate, started, submit, finish } = harness(2);
    const results = ['a', 'b', 'c', 'd'].map((n) => submit(n));
    await settle();
    expect(started).toEqual(['a', 'b']);
    expect(gate.active).toBe(2);
    await finish('b');
    expect(started).toEqual(['a', 'b', 'c']);
    await finish('a');
    await finish('c');
    await finish('d');
    await expect(Promise.all(results)).resolves.toEqual(['a', 'b', 'c', 'd']);
    expect(gate.active).toBe(0);
  });

  it('runs everything one at a time, in arrival order, with limit 1', async () => {
    const { started, submit, finish } = harness(1);
    ['a', 'b', 'c'].forEach((n) => void submit(n));
    await settle();
    expect(started).toEqual(['a']);
    await finish('a');
    expect(started).toEqual(['a', 'b']);
    await finish('b');
    expect(started).toEqual(['a', 'b', 'c']);
  });

  it('keeps tasks with the same key strictly sequential while other keys pass them', async () => {
    const { started, submit, finish } = harness(4);
    void submit('web-1', 'build/web');
    void submit('web-2', 'build/web');
    void submit('api-1', 'build/api');
    void submit('web-3', 'build/web');
    await settle();
    expect(started).toEqual(['web-1', 'api-1']);
    await finish('web-1');
    expect(started).toEqual(['web-1', 'api-1', 'web-2']);
    await finish('api-1');
    expect(started).toEqual(['web-1', 'api-1', 'web-2']);
    await finish('web-2');
    expect(started).toEqual(['web-1', 'api-1', 'web-2', 'web-3']);
  });

  it('does not let a waiting keyed task hold up unkeyed work behind it', async () => {
    const { started, submit } = harness(2);
    void submit('k-1', 'k');
    void submit('k-2', 'k');
    void submit('free');
    await settle();
    expect(started).toEqual(['k-1', 'free']);
  });

  it('lets a task free its slot early with release(), once', async () => {
    const gate = new ConcurrencyGate(1);
    const started: string[] = [];
    const tail = deferred();
    const first = gate.run(undefined, async (release) => {
      started.push('first');
      release();
      release();
      await tail.promise;
    });
    const rest = ['second', 'third'].map((name) =>
      gate.run(undefined, async () => {
        started.push(name);
        await settle();
      }),
    );
    await Promise.all(rest);
    expect(started).toEqual(['first', 'second', 'third']);
    expect(gate.active).toBe(0);
    tail.resolve();
    await first;
    // Ending after release() must not free a slot that was never taken: the limit still holds.
    const blocker = deferred();
    void gate.run(undefined, () => blocker.promise);
    void gate.run(undefined, async () => void started.push('over the limit'));
    await settle();
    expect(gate.active).toBe(1);
    expect(started).not.toContain('over the limit');
    blocker.resolve();
  });

  it('frees the slot and the key when a task rejects, and passes the rejection on', async () => {
    const gate = new ConcurrencyGate(1);
    const failing = gate.run('k', async () => {
      throw new Error('boom');
    });
    const next = gate.run('k', async () => 'next');
    await expect(failing).rejects.toThrow('boom');
    await expect(next).resolves.toBe('next');
    expect(gate.active).toBe(0);
  });
});
