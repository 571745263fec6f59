import {
  stepResultKey,
  toDriverResultEvent,
  traceStepDispatch,
  type HeaderReader,
  type PipelineEvent,
  type Resource,
  type RunRecord,
} from '@conveyor-ts/core';
import { goMarshalResultEvent } from '../wire/go-marshal';
import { finishStep, locateStep, newPipelineRun, recordAnswer, startStep } from '../runs/run-transitions';
import type { PipelineStore } from '../storage/pipeline-store';
import type { ResourceStore } from '../storage/resource-store';
import type { RunStore } from '../storage/run-store';
import type { Dispatcher } from './dispatcher';
import { readPipelineEvent } from './read-pipeline-event';

export interface PipelineEngineDeps {
  resources: ResourceStore;
  pipelines: PipelineStore;
  runs: RunStore;
  dispatcher: Dispatcher;
  /** Told about messages the engine drops, with the reason. */
  warn(message: string): void;
  now?: () => string;
}

/**
 * The server's pipeline engine (protocol §4) plus run records. Every step of a transition is
 * idempotent, so the consumer acks only after the whole transition and a redelivery redoes it safely.
 */
export class PipelineEngine {
  private readonly now: () => string;

  constructor(private readonly deps: PipelineEngineDeps) {
    this.now = deps.now ?? (() => new Date().toISOString());
  }

  /** `pipelines.pipeline.init`: the first step gets event `create`. `header` reads the message's headers. */
  async handleInit(data: Uint8Array, header?: HeaderReader): Promise<void> {
    const event = this.read(data, 'init');
    if (!event) return;
    const run = await this.runOf(event);
    if (!run || run.steps.length === 0) return;
    await this.sendStep(run, 0, 'create', event.resource, header);
  }

  /** `pipelines.driver.result`: record the result, then the next step gets event `process`. */
  async handleResult(data: Uint8Array, header?: HeaderReader): Promise<void> {
    const event = this.read(data, 'result');
    if (!event?.driverresult) return;
    const result = toDriverResultEvent(event.driverresult, event.driverresult.driver ?? '');
    const { resource } = event;
    if (!resource.pipeline) {
      // The Go engine drops these; the run record still shows which drivers answered.
      await this.deps.runs.update(event.run_id, (r) => recordAnswer(r, result, this.now()));
      return;
    }
    const updated = await this.deps.resources.setMetadata(
      resource.resource,
      resource.name,
      stepResultKey(result.driver),
      goMarshalResultEvent(result),
    );
    const run = await this.runOf(event, (r) => locateStep(r, result.driver) !== undefined);
    const index = run && locateStep(run, result.driver);
    if (!run || index === undefined) {
      this.deps.warn(
        `run ${event.run_id}: no step of pipeline "${resource.pipeline}" uses driver "${result.driver}"`,
      );
      return;
    }
    await this.deps.runs.update(run.runid, (r) => finishStep(r, index, result, this.now()));
    const next = run.steps[index + 1];
    if (!result.success || !next) return;
    if (!updated) {
      this.deps.warn(
        `run ${run.runid}: ${resource.resource}/${resource.name} was deleted; the pipeline stops`,
      );
      return;
    }
    await this.sendStep(run, index + 1, 'process', updated, header);
  }

  /** Marks the step running and hands it to its driver, its span a child of the run's (`cause`: what led here). */
  private async sendStep(
    run: RunRecord,
    index: number,
    event: string,
    resource: Resource,
    cause: HeaderReader | undefined,
  ): Promise<void> {
    await this.deps.runs.update(run.runid, (r) => startStep(r, index, this.now()));
    const driver = run.steps[index].driver;
    const trace = traceStepDispatch(run.trace, cause, {
      runId: run.runid,
      pipeline: run.pipeline,
      resourceType: run.resource.type,
      resourceName: run.resource.name,
      index,
      driver,
      event,
    });
    await this.deps.dispatcher.sendStep({ runId: run.runid, index, driver, event, resource, trace });
  }

  /**
   * The run's record. A run started by someone else (another API, a replayed message) gets one from
   * the pipeline, stored only when `accept` agrees the message belongs to it.
   */
  private async runOf(
    event: PipelineEvent,
    accept: (run: RunRecord) => boolean = () => true,
  ): Promise<RunRecord | undefined> {
    const known = await this.deps.runs.get(event.run_id);
    if (known) return known;
    const pipeline = await this.deps.pipelines.get(event.resource.pipeline ?? '');
    if (!pipeline) {
      this.deps.warn(`run ${event.run_id}: pipeline "${event.resource.pipeline}" not found; message dropped`);
      return undefined;
    }
    const run = newPipelineRun(event.run_id, event.resource, pipeline, this.now());
    if (!accept(run)) return run;
    await this.deps.runs.create(run);
    return this.deps.runs.get(event.run_id);
  }

  private read(data: Uint8Array, kind: string): PipelineEvent | undefined {
    const event = readPipelineEvent(data);
    if (typeof event === 'string') {
      this.deps.warn(`dropped a malformed pipeline ${kind} message: ${event}`);
      return undefined;
    }
    return event;
  }
}
