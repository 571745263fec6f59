import { RUN_UPDATE_ATTEMPTS } from '../constants';
import type { KeyValueStore } from './key-value-store';

/**
 * Read-modify-write with optimistic concurrency: `change` gets the current value and returns the new
 * one (or undefined to leave it). Returns the value written, or undefined when the key holds nothing.
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
  throw new Error(`${key.join('/')} kept changing under ${RUN_UPDATE_ATTEMPTS} concurrent updates`);
}
