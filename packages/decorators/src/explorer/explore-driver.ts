import { findDriverOptionProblems, findFieldProblems } from '@conveyor-ts/core';
import type { ClassMetadata, DriverClass } from '../metadata/class-metadata';
import { metadataRegistry } from '../metadata/metadata-registry';
import { DEFAULT_PARAMETERS, type ParameterBinding } from '../metadata/parameter-binding';
import type { DriverDescriptor } from './driver-descriptor';
import { DriverIdentityModel } from './driver-identity.model';

/** What the explorer found about one class: a descriptor when it is usable, and every problem. */
export interface ExploredDriver {
  descriptor?: DriverDescriptor;
  problems: string[];
}

/**
 * Reads the decorators' metadata of one class (its parents' included) and checks it: options,
 * exactly one @Reconcile() method, parameter decorators only there and on every parameter or none.
 */
export function exploreDriver(target: DriverClass): ExploredDriver {
  if (!metadataRegistry.isDriver(target)) {
    return {
      problems: [
        `${target.name} is not decorated with @Driver(): add @Driver({ name: 'my-driver', resources: ['my-resource'] }) above the class.`,
      ],
    };
  }
  const chain = metadataRegistry.chain(target);
  const options = chain[0].driver;
  const problems = optionProblems(options);
  const methods = reconcileMethods(chain);
  if (methods.length === 0) {
    problems.push('has no @Reconcile() method: put @Reconcile() on the method that handles a resource.');
  } else if (methods.length > 1) {
    problems.push(
      `has ${methods.length} @Reconcile() methods (${methods.map(String).join(', ')}): exactly one is allowed.`,
    );
  }
  const method = methods.length === 1 ? methods[0] : undefined;
  problems.push(...strayParameterProblems(target, chain, method));
  if (method === undefined) return { problems };

  const parameters = parameterBindings(target, chain, method, problems);
  if (problems.length > 0 || !options) return { problems };
  return { descriptor: { target, options, reconcileMethod: method, parameters }, problems };
}

function optionProblems(options: unknown): string[] {
  if (typeof options !== 'object' || options === null) {
    return ["@Driver() needs its options: @Driver({ name: 'my-driver', resources: ['my-resource'] })."];
  }
  return [
    ...findFieldProblems(DriverIdentityModel, options).map((p) => ({ option: p.field, problem: p.problem })),
    ...findDriverOptionProblems(options),
  ].map((p) => `@Driver() ${p.option}: ${p.problem}`);
}

function reconcileMethods(chain: ClassMetadata[]): (string | symbol)[] {
  return [...new Set(chain.flatMap((c) => c.reconcileMethods))];
}

function strayParameterProblems(
  target: DriverClass,
  chain: ClassMetadata[],
  method?: string | symbol,
): string[] {
  return chain.flatMap((c) =>
    [...c.parameters]
      .filter(([key]) => key !== method)
      .map(
        ([key, bindings]) =>
          `${target.name}.${String(key)} has ${bindings.map((b) => b.decorator).join(', ')} but is not the ` +
          '@Reconcile() method: parameter decorators only work on the @Reconcile() method.',
      ),
  );
}

function parameterBindings(
  target: DriverClass,
  chain: ClassMetadata[],
  method: string | symbol,
  problems: string[],
): readonly ParameterBinding[] {
  const bindings = chain.find((c) => c.parameters.has(method))?.parameters.get(method) ?? [];
  if (bindings.length === 0) return DEFAULT_PARAMETERS;

  const where = `${target.name}.${String(method)}`;
  const byIndex = new Map<number, ParameterBinding[]>();
  for (const b of bindings) byIndex.set(b.index, [...(byIndex.get(b.index) ?? []), b]);
  for (const [index, list] of byIndex) {
    if (list.length > 1) {
      problems.push(
        `${where} parameter #${index} has ${list.map((b) => b.decorator).join(' and ')}: keep one.`,
      );
    }
  }
  for (let index = 0; index < parameterCount(target, method); index++) {
    if (!byIndex.has(index)) {
      problems.push(
        `${where} parameter #${index} has no decorator: decorate every parameter (@Payload(), @Event(), @RunId(), ` +
          '@Logger(), @Message(), @Signal(), @Client()) or none (then they receive payload, event, run id, logger).',
      );
    }
  }
  return [...byIndex.values()].map((list) => list[0]).sort((a, b) => a.index - b.index);
}

/** Declared parameters of the method: TypeScript's recorded types, else the function's arity. */
function parameterCount(target: DriverClass, method: string | symbol): number {
  const types: unknown[] | undefined = Reflect.getMetadata('design:paramtypes', target.prototype, method);
  const fn = target.prototype[method] as (...args: unknown[]) => unknown;
  return types?.length ?? fn.length;
}
