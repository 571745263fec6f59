import { AbortSwitch } from '../abort-switch';
import { MessageContext } from '../message-context';

const resource = { name: 'r', resource: 'app', spec: {}, metadata: {} } as never;
const info = { id: 'm1', subject: 'events.app.create', route: { kind: 'event' } as never, attempt: 1 };

describe('MessageContext', () => {
  it('carries the message fields and a signal made on first read, the same on every read', () => {
    const abort = new AbortSwitch();
    const context = new MessageContext(resource, 'create', 'run-1', {} as never, info, abort);
    expect(context).toMatchObject({ resource, event: 'create', runId: 'run-1', message: info });
    const signal = context.signal;
    expect(signal).toBeInstanceOf(AbortSignal);
    expect(context.signal).toBe(signal);
    abort.abort(new Error('timed out'));
    expect(signal.aborted).toBe(true);
    expect(signal.reason).toEqual(new Error('timed out'));
  });

  it('hands a reconcile that reads the signal late one that is already aborted', () => {
    const abort = new AbortSwitch();
    const context = new MessageContext(resource, 'create', 'run-1', {} as never, info, abort);
    abort.abort(new Error('shutdown'));
    expect(context.signal.aborted).toBe(true);
  });

  it('keeps the abort switch out of what a driver can enumerate or spread', () => {
    const context = new MessageContext(resource, 'create', 'run-1', {} as never, info, new AbortSwitch());
    expect(Object.keys(context).sort()).toEqual(['event', 'logger', 'message', 'resource', 'runId']);
  });
});
