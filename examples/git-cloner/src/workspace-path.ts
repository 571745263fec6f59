import { join, resolve, sep } from 'node:path';
import { CloneRefusedError } from './clone-refused-error';

const SAFE_SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * `<root>/<run id>/<resource name>`, refusing any name that is not one plain folder name
 * (`..`, `/`, absolute paths, hidden names), so no clone can land outside the workspace root.
 */
export function workspacePath(root: string, runId: string, resourceName: string): string {
  checkSegment('runId', runId);
  checkSegment('resource.name', resourceName);
  const base = resolve(root);
  const path = join(base, runId, resourceName);
  if (!path.startsWith(base + sep)) {
    throw new CloneRefusedError('resource.name', `"${resourceName}" would leave the workspace root`);
  }
  return path;
}

function checkSegment(field: string, value: string): void {
  if (typeof value !== 'string' || !SAFE_SEGMENT.test(value) || value.includes('..')) {
    throw new CloneRefusedError(
      field,
      `"${String(value)}" must be one folder name (letters, digits, . _ -, not starting with . or -, no "..")`,
    );
  }
}
