import { ConcurrencyGate } from '../concurrency-gate';
import { deferred, settle, type Deferred } from './support/deferred';

/** Tasks that record when they enter and leave only when the test finishes them. */
function harness(limit: number) {
  const gate = new ConcurrencyGate(limit);
  const started: string[] = [];
  const work = new Map<string, Deferred>();
  const submit = async (name: string, key?: string) => {
    const d = deferred();
    work.set(name, d);
    const entering = gate.enter(key);
    if (entering) await entering;
    started.push(name);
    await d.promise;
    gate.leave(key);
    return name;
  };
  const finish = async (name: string) => {
    work.get(name)!.resolve();
    await settle();
  };
  return { gate, started, submit, finish };
}

describe('ConcurrencyGate', () => {
  it('lets at most `limit` tasks in at once and the next one in as a slot frees', async () => {
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

  it('enters a free gate without a promise, and a full one only through the queue', () => {
    const gate = new ConcurrencyGate(1);
    expect(gate.enter()).toBeUndefined();
    expect(gate.enter()).toBeInstanceOf(Promise);
    gate.leave(); // the waiter takes the slot
    expect(gate.active).toBe(1);
    expect(gate.enter()).toBeInstanceOf(Promise);
  });

  it('lets everything in one at a time, in arrival order, with limit 1', async () => {
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

  it('keeps arrival order for a newcomer while others wait, even if a slot is free for it', async () => {
    const { started, submit, finish } = harness(2);
    void submit('k-1', 'k');
    void submit('k-2', 'k'); // waits for k
    void submit('other');
    await settle();
    await finish('k-1'); // k-2 enters; the gate is full again
    void submit('late');
    await settle();
    expect(started).toEqual(['k-1', 'other', 'k-2']);
    await finish('other');
    expect(started).toEqual(['k-1', 'other', 'k-2', 'late']);
  });

  it('stays correct through a long queue (the queue is compacted, not shifted)', async () => {
    const { gate, started, submit, finish } = harness(1);
    const names = Array.from({ length: 3000 }, (_, i) => `t${i}`);
    const all = names.map((n) => submit(n));
    for (const name of names) await finish(name);
    await expect(Promise.all(all)).resolves.toEqual(names);
    expect(started).toEqual(names);
    expect(gate.active).toBe(0);
  });
});
