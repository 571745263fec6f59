import { RUN_UPDATE_ATTEMPTS } from '../constants';
import type { KeyValueStore } from './key-value-store';
import { UpdateConflictError } from './update-conflict-error';

/**
 * Read-modify-write with optimistic concurrency: `change` gets the current value and returns the new
 * one (or undefined to leave it), from a fresh read on each attempt, so no concurrent write is lost.
 * Returns the value written, or undefined when the key holds nothing; `UpdateConflictError` when
 * every attempt lost the race.
 */
export async function updateEntry<T>(
  store: KeyValueStore<T>,
  key: readonly string[],
  change: (current: T) => T | undefined,
): Promise<T | undefined> {
  for (let attempt = 0; attempt < RUN_UPDATE_ATTEMPTS; attempt++) {
    const entry = await store.get(key);
    if (!entry) return undefined;
    const next = change(entry.value);
    if (next === undefined) return entry.value;
    if (await store.update(key, next, entry.revision)) return next;
  }
  throw new UpdateConflictError(key, RUN_UPDATE_ATTEMPTS);
}
