import type { DriverManagerEvents } from '../events/driver-manager-events';

// The event types live in events/; re-exported so the runtime's files import events from one place.
export type * from '../events/driver-manager-events';

type Listener = (event: never) => void;

/** A typed, throw-proof event emitter. */
export class LifecycleEmitter {
  private readonly listeners = new Map<keyof DriverManagerEvents, Set<Listener>>();

  constructor(private readonly onListenerError: (event: string, error: unknown) => void) {}

  on<E extends keyof DriverManagerEvents>(event: E, listener: DriverManagerEvents[E]): void {
    const set = this.listeners.get(event) ?? new Set<Listener>();
    set.add(listener as Listener);
    this.listeners.set(event, set);
  }

  off<E extends keyof DriverManagerEvents>(event: E, listener: DriverManagerEvents[E]): void {
    this.listeners.get(event)?.delete(listener as Listener);
  }

  emit<E extends keyof DriverManagerEvents>(event: E, payload: Parameters<DriverManagerEvents[E]>[0]): void {
    const set = this.listeners.get(event);
    if (!set) return;
    for (const listener of set) {
      try {
        (listener as (event: typeof payload) => void)(payload);
      } catch (error) {
        this.onListenerError(event, error);
      }
    }
  }
}
