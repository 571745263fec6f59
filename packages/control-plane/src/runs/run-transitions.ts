import type { DriverResultEvent, Pipeline, Progress, Resource, RunRecord, RunStep } from '@conveyor-ts/core';

/** A run of a resource with a pipeline: every step pending until the engine dispatches it. */
export function newPipelineRun(
  runid: string,
  resource: Resource,
  pipeline: Pipeline,
  now: string,
): RunRecord {
  const steps: RunStep[] = (pipeline.steps ?? []).map((step, index) => ({
    index,
    ...(step.id ? { id: step.id } : {}),
    ...(step.name ? { name: step.name } : {}),
    driver: step.driver,
    status: 'pending',
  }));
  return {
    runid,
    resource: { type: resource.resource, name: resource.name, id: resource.id ?? '' },
    pipeline: pipeline.name,
    status: steps.length === 0 ? 'succeeded' : 'running',
    createdAt: now,
    updatedAt: now,
    steps,
  };
}

/** A run of a resource without a pipeline: broadcast to its type, each driver's answer becomes a step. */
export function newDispatchedRun(runid: string, resource: Resource, now: string): RunRecord {
  return {
    runid,
    resource: { type: resource.resource, name: resource.name, id: resource.id ?? '' },
    status: 'dispatched',
    createdAt: now,
    updatedAt: now,
    steps: [],
  };
}

/** Marks a step as handed to its driver. Idempotent: a step already past `pending` stays as it is. */
export function startStep(run: RunRecord, index: number, now: string): RunRecord {
  const step = run.steps[index];
  if (!step || step.status !== 'pending') return run;
  return withStep(run, { ...step, status: 'running', startedAt: now }, now);
}

/** Marks a running step as stalled: its driver had no consumer. A step that moved on stays as it is. */
export function stallStep(run: RunRecord, index: number, message: string, now: string): RunRecord {
  const step = run.steps[index];
  if (!step || step.status !== 'running') return run;
  return withStep(run, { ...step, status: 'stalled', message }, now);
}

/**
 * The step a result answers: the running step of that driver, else the first step of that driver (the
 * Go engine's rule, §4.4c). Preferring the running step keeps a pipeline that lists a driver twice
 * from looping on the second occurrence.
 */
export function locateStep(run: RunRecord, driver: string): number | undefined {
  const running = run.steps.findIndex(
    (s) => s.driver === driver && (s.status === 'running' || s.status === 'stalled'),
  );
  if (running >= 0) return running;
  const first = run.steps.findIndex((s) => s.driver === driver);
  return first >= 0 ? first : undefined;
}

/** Records a driver's result on the step at `index` and settles the run when it is over. */
export function finishStep(run: RunRecord, index: number, result: DriverResultEvent, now: string): RunRecord {
  const step = run.steps[index];
  const finished: RunStep = {
    ...step,
    status: result.success ? 'succeeded' : 'failed',
    message: result.message,
    data: result.data ?? null,
    startedAt: step.startedAt ?? now,
    finishedAt: now,
  };
  const next = withStep(run, finished, now);
  if (!result.success) return { ...next, status: 'failed' };
  const last = index === run.steps.length - 1;
  return last ? { ...next, status: 'succeeded' } : next;
}

/** Keeps the latest progress of the driver's running step; a run without one stays as it is. */
export function recordProgress(run: RunRecord, driver: string, progress: Progress, now: string): RunRecord {
  const index = locateStep(run, driver);
  const step = index === undefined ? undefined : run.steps[index];
  if (!step || step.status !== 'running') return run;
  return withStep(run, { ...step, progress }, now);
}

/** Appends a driver's answer to a broadcast run. */
export function recordAnswer(run: RunRecord, result: DriverResultEvent, now: string): RunRecord {
  const step: RunStep = {
    index: run.steps.length,
    driver: result.driver,
    status: result.success ? 'succeeded' : 'failed',
    message: result.message,
    data: result.data ?? null,
    finishedAt: now,
  };
  return { ...run, updatedAt: now, steps: [...run.steps, step] };
}

function withStep(run: RunRecord, step: RunStep, now: string): RunRecord {
  return { ...run, updatedAt: now, steps: run.steps.map((s) => (s.index === step.index ? step : s)) };
}
