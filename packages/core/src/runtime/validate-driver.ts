import { assertSubjectToken } from '../protocol/subject-token-rules';
import type { DriverDefinition } from './driver-definition';

/** Throws a `TypeError` naming what is wrong with a driver definition (Go's `Validate()`, stricter). */
export function validateDriverDefinition(driver: DriverDefinition): void {
  if (typeof driver !== 'object' || driver === null) throw new TypeError('A driver must be an object');
  assertSubjectToken('driver name', driver.name);
  if (typeof driver.reconcile !== 'function') {
    throw new TypeError(`Driver "${driver.name}" has no reconcile function`);
  }
  if (!Array.isArray(driver.resources) || driver.resources.length === 0) {
    throw new TypeError(`Driver "${driver.name}" must list at least one resource type`);
  }
  for (const resource of driver.resources)
    assertSubjectToken(`resource name of driver "${driver.name}"`, resource);
  const duplicate = driver.resources.find((r, i) => driver.resources.indexOf(r) !== i);
  if (duplicate) throw new TypeError(`Driver "${driver.name}" lists resource "${duplicate}" twice`);
}
