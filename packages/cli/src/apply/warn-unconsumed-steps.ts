import { ConveyorApiError, consumesStep, type Pipeline } from '@conveyor-ts/core';
import type { CliContext } from '../cli-context';

/**
 * Warns about pipeline steps no running driver would receive: a typo in `driver`, a driver not
 * started, or one whose `resources` lacks the pipeline's type. Asks the local control plane
 * (`GET /drivers`); a server without that route is not asked.
 */
export async function warnUnconsumedSteps(
  ctx: CliContext,
  client: ReturnType<CliContext['client']>,
  pipeline: Pipeline,
): Promise<void> {
  let consumers;
  try {
    consumers = await client.listDriverConsumers();
  } catch (error) {
    if (error instanceof ConveyorApiError) return;
    throw error;
  }
  for (const step of pipeline.steps ?? []) {
    if (consumers.some((c) => consumesStep(c.filterSubjects, step.driver, pipeline.resource))) continue;
    const known = consumers.some((c) => c.name === step.driver);
    ctx.note(
      `${ctx.paintErr('yellow', 'warning:')} pipeline ${pipeline.name}: no running driver consumes step "${step.name ?? step.driver}" (driver ${step.driver}, resource ${pipeline.resource}): ${known ? `${step.driver} runs, but ${pipeline.resource} is not among its resources` : `is ${step.driver} started, and spelt so?`} Its runs will stall there.`,
    );
  }
}
