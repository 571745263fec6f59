import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { SpecValidator } from '@conveyor-ts/control-plane';

interface Operation {
  parameters?: Array<{ in: string; name: string; schema?: object }>;
  responses: Record<string, { schema?: object }>;
}

/** The server's OpenAPI 2.0 file, the copy the control plane serves (verbatim shared/conveyor-swagger.json, Conveyor HEAD a1093d8). */
export const swagger = JSON.parse(
  readFileSync(
    resolve(__dirname, '../../../packages/control-plane/src/http/swagger/conveyor-swagger.json'),
    'utf8',
  ),
) as { paths: Record<string, Record<string, Operation>>; definitions: Record<string, object> };

const validator = new SpecValidator();

function operation(method: string, path: string): Operation {
  const op = swagger.paths[path]?.[method.toLowerCase()];
  if (!op) throw new Error(`${method} ${path} is not in the swagger file`);
  return op;
}

function check(schema: object | undefined, value: unknown, what: string): void {
  if (!schema) return;
  const problem = validator.validate({ ...schema, definitions: swagger.definitions }, value);
  if (problem)
    throw new Error(`${what} does not match the swagger schema: ${problem}\n${JSON.stringify(value)}`);
}

/** Asserts that a request body matches the swagger body parameter of the operation. */
export function checkRequest(method: string, path: string, body: unknown): void {
  const param = operation(method, path).parameters?.find((p) => p.in === 'body');
  if (!param) throw new Error(`${method} ${path} takes no body in the swagger file`);
  check(param.schema, body, `${method} ${path} request`);
}

/** Asserts that the status is documented for the operation and the JSON body matches its schema. */
export function checkResponse(method: string, path: string, status: number, body: unknown): void {
  const response = operation(method, path).responses[String(status)];
  if (!response) throw new Error(`${method} ${path} documents no ${status} response`);
  check(response.schema, body, `${method} ${path} ${status} response`);
}
