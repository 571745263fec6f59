import type { Resource } from '@conveyor-ts/core';
import type { KeyValueStore } from './key-value-store';
import { updateEntry } from './update-entry';

/** Resources by type and name, and their numbered snapshots (which outlive the resource, as on the server). */
export class ResourceStore {
  constructor(
    private readonly current: KeyValueStore<Resource>,
    private readonly versions: KeyValueStore<Resource>,
  ) {}

  async get(type: string, name: string): Promise<Resource | undefined> {
    return (await this.current.get([type, name]))?.value;
  }

  /** Stores a new resource and its first snapshot; false when the name is taken for that type. */
  async create(resource: Resource): Promise<boolean> {
    if (!(await this.current.create([resource.resource, resource.name], resource))) return false;
    await this.saveVersion(resource);
    return true;
  }

  /**
   * Replaces the stored resource with `change(stored)` (compare-and-set on the KV revision, redone on
   * a lost race, so concurrent updates each get their own version) and writes the snapshot of its new
   * version. Undefined when no resource is stored.
   */
  async update(
    type: string,
    name: string,
    change: (stored: Resource) => Resource,
  ): Promise<Resource | undefined> {
    const updated = await updateEntry(this.current, [type, name], change);
    if (updated) await this.saveVersion(updated, type, name);
    return updated;
  }

  async delete(type: string, name: string): Promise<void> {
    await this.current.delete([type, name]);
  }

  async getVersion(type: string, name: string, version: string): Promise<Resource | undefined> {
    return (await this.versions.get([type, name, version]))?.value;
  }

  /** Sets one metadata entry without a new version (how the engine records driver results, §4.4a). */
  setMetadata(type: string, name: string, key: string, value: string): Promise<Resource | undefined> {
    return updateEntry(this.current, [type, name], (resource) => ({
      ...resource,
      metadata: { ...(resource.metadata ?? {}), [key]: value },
    }));
  }

  list(type?: string): Promise<Resource[]> {
    return this.current.list(type === undefined ? [] : [type]);
  }

  private async saveVersion(
    resource: Resource,
    type = resource.resource,
    name = resource.name,
  ): Promise<void> {
    const version = resource.metadata?.version ?? '1';
    await this.versions.put([type, name, version], resource);
  }
}
