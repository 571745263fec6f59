import type { ResourceDefinition } from '@conveyor-ts/core';
import type { KeyValueStore } from './key-value-store';

/** Resource definitions by name. */
export class DefinitionStore {
  constructor(private readonly table: KeyValueStore<ResourceDefinition>) {}

  async get(name: string): Promise<ResourceDefinition | undefined> {
    return (await this.table.get([name]))?.value;
  }

  /** False when a definition of that name exists. */
  create(definition: ResourceDefinition): Promise<boolean> {
    return this.table.create([definition.name], definition);
  }

  async put(name: string, definition: ResourceDefinition): Promise<void> {
    await this.table.put([name], definition);
  }

  async delete(name: string): Promise<void> {
    await this.table.delete([name]);
  }

  list(): Promise<ResourceDefinition[]> {
    return this.table.list();
  }
}
