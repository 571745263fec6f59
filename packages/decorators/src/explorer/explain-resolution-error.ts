import { describeThrown } from '@conveyor-ts/core';
import { CONVEYOR_CLIENT } from '../tokens';

const CANNOT_INJECT =
  /Cannot inject the dependency (?:"(\w+)" )?at position #(\d+) of "([^"]*)" constructor/g;

/**
 * Turns what tsyringe threw while constructing a driver into a sentence that says what to fix.
 * tsyringe nests one "Cannot inject ..." line per constructor on the way down; the last is the culprit.
 */
export function explainResolutionError(error: unknown): string {
  const text = describeThrown(error);
  const injections = [...text.matchAll(CANNOT_INJECT)];
  const last = injections.at(-1);
  const where = last
    ? `constructor parameter ${last[1] ? `"${last[1]}" ` : ''}#${last[2]} of ${last[3]}`
    : undefined;

  const unknownType = /TypeInfo not known for "([^"]*)"/.exec(text)?.[1];
  // TypeScript records `Object` for interfaces and type aliases, `Function` for type-only imported classes.
  if ((unknownType === 'Object' || unknownType === 'Function') && where) {
    return (
      `${where} has no runtime type: TypeScript recorded \`${unknownType}\`, which happens when the parameter is typed ` +
      'with an interface or a type alias, or with a class imported by `import type` / `import { type X }`. ' +
      'Import the class as a value, or inject a token: `@inject(TOKEN)` on the parameter and ' +
      '`container.register(TOKEN, { useValue: ... })`.'
    );
  }
  if (unknownType) {
    return (
      `${where ? `${where}: ` : ''}"${unknownType}" cannot be constructed because the types of its constructor ` +
      `parameters are unknown. Either it lacks @injectable() (add it, or register "${unknownType}" in the ` +
      'container), or TypeScript recorded no parameter types: enable "experimentalDecorators" and ' +
      '"emitDecoratorMetadata" in tsconfig.json (esbuild-based runners such as tsx do not emit them), and load ' +
      "`import 'reflect-metadata'` before any class is defined."
    );
  }
  if (text.includes('undefined constructor')) {
    return (
      `${where ?? 'a constructor parameter'} had an undefined type when its class was defined, usually a circular ` +
      'import: break the cycle or inject it with `@inject(delay(() => Service))`.'
    );
  }
  if (text.includes(String(CONVEYOR_CLIENT))) {
    return (
      `${where ?? 'a @Client() parameter of the @Reconcile() method'} wants the Conveyor API client, but none is ` +
      'registered: register one (`container.register(CONVEYOR_CLIENT, { useValue: client })`, or in a test ' +
      '`providers: [{ provide: CONVEYOR_CLIENT, useValue: clientMock }]`); ConveyorApplication registers one itself.'
    );
  }
  return `could not be created by the container${where ? ` (${where})` : ''}: ${text}`;
}
