import { join, resolve, sep } from 'node:path';
import { CloneRefusedError } from './clone-refused-error';
import { MAX_FILE_NAME_BYTES, STAGING_NAME_EXTRA_BYTES } from './defaults';

const SAFE_SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * `<root>/<run id>/<resource name>`, refusing any name that is not one plain folder name
 * (`..`, `/`, absolute paths, hidden names), so no clone can land outside the workspace root.
 */
export function workspacePath(root: string, runId: string, resourceName: string): string {
  checkSegment('runId', runId, MAX_FILE_NAME_BYTES);
  // The staging folder `.<name>.partial-XXXXXX` must fit too.
  checkSegment('resource.name', resourceName, MAX_FILE_NAME_BYTES - STAGING_NAME_EXTRA_BYTES);
  const base = resolve(root);
  const path = join(base, runId, resourceName);
  if (!path.startsWith(base + sep)) {
    throw new CloneRefusedError('resource.name', `"${resourceName}" would leave the workspace root`);
  }
  return path;
}

function checkSegment(field: string, value: string, maxBytes: number): void {
  if (typeof value !== 'string' || !SAFE_SEGMENT.test(value) || value.includes('..')) {
    throw new CloneRefusedError(
      field,
      `"${String(value)}" must be one folder name (letters, digits, . _ -, not starting with . or -, no "..")`,
    );
  }
  // Only ASCII passes SAFE_SEGMENT: characters are bytes.
  if (value.length > maxBytes) {
    throw new CloneRefusedError(
      field,
      `is ${value.length} bytes long ("${value.slice(0, 32)}…"): the file system holds folder names of at most ${maxBytes} bytes here`,
    );
  }
}
