import 'reflect-metadata';
import type { Resource } from '@conveyor-ts/core';
import { IsString } from 'class-validator';
import { bindPayload } from '../bind-payload';

class Spec {
  @IsString()
  ref!: string;
}

const binding = { index: 0, kind: 'payload' as const, decorator: '@Payload(Spec)', payloadClass: Spec };
const resource = (spec: unknown): Resource => ({ name: 'web', resource: 'build', spec }) as Resource;
const deep = (depth: number) => JSON.parse(`${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`) as unknown;

describe('bindPayload on a spec the transformer cannot walk', () => {
  it.each<[string, unknown, RegExp]>([
    [
      'nesting deeper than the stack',
      { ref: 'main', nested: deep(20_000) },
      /spec: cannot be validated: Maximum call stack/,
    ],
  ])('answers %s with a final failure result instead of throwing', (_case, spec, message) => {
    const bound = bindPayload(resource(spec), binding, 'builder');
    expect(bound).toMatchObject({ failure: { success: false } });
    expect('failure' in bound && bound.failure.message).toMatch(message);
  });

  it('still binds a valid spec', () => {
    expect(bindPayload(resource({ ref: 'main' }), binding, 'builder')).toMatchObject({
      value: { spec: { ref: 'main' } },
    });
  });
});
