/** A stored value with the revision that optimistic updates compare against. */
export interface StoredEntry<T> {
  value: T;
  revision: number;
}

/**
 * A durable key-value table, keyed by a path of names (for example `[type, name]`). The NATS adapter
 * implements it on a JetStream KV bucket; the stores above it know nothing of NATS.
 */
export interface KeyValueStore<T> {
  get(key: readonly string[]): Promise<StoredEntry<T> | undefined>;
  /** Writes unconditionally; returns the new revision. */
  put(key: readonly string[], value: T): Promise<number>;
  /** Writes only if the key holds nothing; false when it exists. */
  create(key: readonly string[], value: T): Promise<boolean>;
  /** Writes only if the key is still at `revision`; false when someone wrote in between. */
  update(key: readonly string[], value: T, revision: number): Promise<boolean>;
  delete(key: readonly string[]): Promise<void>;
  /** Every value whose key starts with `prefix` (all values for an empty prefix). */
  list(prefix?: readonly string[]): Promise<T[]>;
}
