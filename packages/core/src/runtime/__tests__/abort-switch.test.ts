import { AbortSwitch } from '../abort-switch';

describe('AbortSwitch', () => {
  it('aborts a signal that was read before the abort, with the reason', () => {
    const abort = new AbortSwitch();
    const { signal } = abort;
    const seen: unknown[] = [];
    signal.addEventListener('abort', () => seen.push(signal.reason));
    const reason = new Error('timeout');
    abort.abort(reason);
    expect(signal.aborted).toBe(true);
    expect(seen).toEqual([reason]);
  });

  it('hands an already aborted signal to a reconcile that reads it after the abort', () => {
    const abort = new AbortSwitch();
    const reason = new Error('shutdown');
    abort.abort(reason);
    expect(abort.signal.aborted).toBe(true);
    expect(abort.signal.reason).toBe(reason);
  });

  it('keeps the first reason and tells the listener once, even when it subscribes late', () => {
    const abort = new AbortSwitch();
    const first = new Error('first');
    abort.abort(first);
    abort.abort(new Error('second'));
    const heard: Error[] = [];
    abort.onAbort((reason) => heard.push(reason));
    expect(abort.reason).toBe(first);
    expect(heard).toEqual([first]);
  });

  it('stops telling a listener that unsubscribed', () => {
    const abort = new AbortSwitch();
    const heard: Error[] = [];
    const stop = abort.onAbort((reason) => heard.push(reason));
    stop();
    abort.abort(new Error('late'));
    expect(heard).toEqual([]);
  });
});
