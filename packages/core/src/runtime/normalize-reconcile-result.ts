import { describeThrown } from '../errors/describe-thrown';
import type { DriverResult } from '../protocol/model/driver-result';

/**
 * What the engine receives for a reconcile's return value (the runtime and the testing kit both use it):
 * `undefined` means success; anything else must look like a DriverResult with serializable data.
 * Each field is read once: a getter cannot answer one thing to the check and another to the publish.
 */
export function normalizeReconcileResult(value: unknown): DriverResult {
  if (value === undefined || value === null) return { success: true, message: '', data: null };
  const { success, message, data = null } = value as Partial<DriverResult>;
  if (typeof value !== 'object' || typeof success !== 'boolean') {
    throw new TypeError(
      `reconcile returned ${describeJson(value)}, not a DriverResult {success, message, data}`,
    );
  }
  if (message !== undefined && typeof message !== 'string') {
    throw new TypeError(
      `reconcile returned a result whose message is not a string: ${describeJson(message)}`,
    );
  }
  try {
    JSON.stringify(data);
  } catch (error) {
    throw new TypeError(
      `reconcile returned data that cannot be serialized to JSON: ${describeThrown(error)}`,
      {
        cause: error,
      },
    );
  }
  return { success, message: message ?? '', data };
}

/** The JSON of a refused value, bounded like any described value (it may be megabytes). */
function describeJson(value: unknown): string {
  try {
    return describeThrown(JSON.stringify(value) ?? value);
  } catch {
    return describeThrown(value);
  }
}
