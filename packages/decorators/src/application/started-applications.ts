/**
 * Every `ConveyorApplication` started in this process, kept on `globalThis` under a registered symbol
 * so two copies of this package (a CLI's and a user's) still see one list. `conveyor run` reads it to
 * refuse a module that starts its own application: two managers would consume side by side.
 */
interface Stoppable {
  stop(): Promise<void>;
}

const KEY = Symbol.for('@conveyor-ts/decorators:started-applications');
const registry = globalThis as unknown as { [KEY]?: Set<Stoppable> };

export function startedApplications(): Set<Stoppable> {
  return (registry[KEY] ??= new Set());
}
