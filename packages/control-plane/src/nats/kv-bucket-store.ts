import { JSONCodec, type KV } from 'nats';
import type { KeyValueStore, StoredEntry } from '../storage/key-value-store';
import { encodeToken } from './encode-token';

/** nats-server's "wrong last sequence" JetStream error: the optimistic write lost a race. */
const WRONG_LAST_SEQUENCE = 10071;

/** A `KeyValueStore` on one JetStream KV bucket; values are JSON. */
export class KvBucketStore<T> implements KeyValueStore<T> {
  private readonly codec = JSONCodec<T>();

  constructor(private readonly kv: KV) {}

  async get(key: readonly string[]): Promise<StoredEntry<T> | undefined> {
    const entry = await this.kv.get(toKey(key));
    if (!entry || entry.operation !== 'PUT') return undefined;
    return { value: this.codec.decode(entry.value), revision: entry.revision };
  }

  put(key: readonly string[], value: T): Promise<number> {
    return this.kv.put(toKey(key), this.codec.encode(value));
  }

  async create(key: readonly string[], value: T): Promise<boolean> {
    return this.conditional(() => this.kv.create(toKey(key), this.codec.encode(value)));
  }

  async update(key: readonly string[], value: T, revision: number): Promise<boolean> {
    return this.conditional(() => this.kv.update(toKey(key), this.codec.encode(value), revision));
  }

  async delete(key: readonly string[]): Promise<void> {
    await this.kv.delete(toKey(key));
  }

  async list(prefix: readonly string[] = []): Promise<T[]> {
    const filter = prefix.length === 0 ? '>' : `${toKey(prefix)}.>`;
    const keys: string[] = [];
    for await (const key of await this.kv.keys(filter)) keys.push(key);
    const values: T[] = [];
    for (const key of keys.sort()) {
      const entry = await this.kv.get(key);
      if (entry?.operation === 'PUT') values.push(this.codec.decode(entry.value));
    }
    return values;
  }

  private async conditional(write: () => Promise<number>): Promise<boolean> {
    try {
      await write();
      return true;
    } catch (error) {
      if (isWrongLastSequence(error)) return false;
      throw error;
    }
  }
}

function toKey(path: readonly string[]): string {
  return path.map(encodeToken).join('.');
}

function isWrongLastSequence(error: unknown): boolean {
  const apiError = (error as { api_error?: { err_code?: number } }).api_error;
  return apiError?.err_code === WRONG_LAST_SEQUENCE || /wrong last sequence|key exists/i.test(String(error));
}
