import type { RunQuery, RunRecord } from '@conveyor-ts/core';
import type { KeyValueStore } from './key-value-store';
import { updateEntry } from './update-entry';

/** Run records by run id. */
export class RunStore {
  constructor(private readonly table: KeyValueStore<RunRecord>) {}

  async get(runid: string): Promise<RunRecord | undefined> {
    return (await this.table.get([runid]))?.value;
  }

  /** Stores a new run; keeps the existing record if the run is already known (a redelivered init). */
  async create(run: RunRecord): Promise<void> {
    await this.table.create([run.runid], run);
  }

  /** Applies `change` with optimistic concurrency; undefined when the run is unknown. */
  update(runid: string, change: (run: RunRecord) => RunRecord): Promise<RunRecord | undefined> {
    return updateEntry(this.table, [runid], change);
  }

  /** Matching runs, newest first. */
  async list(query: RunQuery = {}): Promise<RunRecord[]> {
    const runs = await this.table.list();
    return runs
      .filter(
        (run) =>
          (query.resource === undefined || run.resource.type === query.resource) &&
          (query.name === undefined || run.resource.name === query.name) &&
          (query.pipeline === undefined || run.pipeline === query.pipeline) &&
          (query.status === undefined || run.status === query.status),
      )
      .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
  }
}
