import type { Pipeline } from '@conveyor-ts/core';
import type { KeyValueStore } from './key-value-store';

/** Pipelines by name; a second `POST` of a name replaces the first, as on the server. */
export class PipelineStore {
  constructor(private readonly table: KeyValueStore<Pipeline>) {}

  async get(name: string): Promise<Pipeline | undefined> {
    return (await this.table.get([name]))?.value;
  }

  async put(pipeline: Pipeline): Promise<void> {
    await this.table.put([pipeline.name], pipeline);
  }

  async delete(name: string): Promise<void> {
    await this.table.delete([name]);
  }

  list(): Promise<Pipeline[]> {
    return this.table.list();
  }
}
