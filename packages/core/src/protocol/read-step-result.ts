import { describeType } from './subject-token-rules';
import { findFieldProblems, formatFieldProblems } from './field-problems';
import { DriverResultEvent } from './model/driver-result';
import type { Resource } from './model/resource';
import { StepResultError } from './step-result-error';

/** The metadata key under which the engine stores a driver's result (protocol §4.4a). */
export function stepResultKey(driver: string): string {
  return `driverresults.${driver}`;
}

/**
 * Reads the result an earlier pipeline step left on the resource: the engine stores each step's
 * DriverResultEvent as a JSON string in `metadata["driverresults.<driver>"]` (protocol §4).
 * Throws `StepResultError` when it is missing, not JSON, not a DriverResultEvent, or from another
 * driver. A failed step's result is returned as is: check `success`.
 */
export function readStepResult<TData = unknown>(
  resource: Pick<Resource, 'metadata'>,
  driver: string,
): DriverResultEvent & { data: TData } {
  const text = resource.metadata?.[stepResultKey(driver)];
  if (text === undefined) {
    throw new StepResultError(driver, 'is missing: the pipeline has not run that step before this one');
  }
  if (typeof text !== 'string')
    throw new StepResultError(driver, `must be a JSON string, got ${describeType(text)}`);

  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new StepResultError(driver, `is not valid JSON (${(e as Error).message})`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new StepResultError(driver, `must hold a DriverResultEvent object, got ${describeType(parsed)}`);
  }
  const problems = findFieldProblems(DriverResultEvent, parsed);
  if (problems.length > 0)
    throw new StepResultError(driver, `is not a DriverResultEvent: ${formatFieldProblems(problems)}`);

  const event = parsed as DriverResultEvent & { data: TData };
  if (event.driver !== driver) throw new StepResultError(driver, `names driver "${event.driver}"`);
  return { success: event.success, message: event.message, data: event.data ?? (null as TData), driver };
}

/**
 * Every step result stored on the resource, in metadata key order. A value that is not a valid
 * result is reported as a failed step with the reason, so a reader sees it rather than losing it.
 */
export function readStepResults(resource: Pick<Resource, 'metadata'>): DriverResultEvent[] {
  const prefix = stepResultKey('');
  return Object.keys(resource.metadata ?? {})
    .filter((key) => key.startsWith(prefix))
    .map((key) => {
      const driver = key.slice(prefix.length);
      try {
        return readStepResult(resource, driver);
      } catch (error) {
        return { success: false, message: (error as Error).message, data: null, driver };
      }
    });
}
