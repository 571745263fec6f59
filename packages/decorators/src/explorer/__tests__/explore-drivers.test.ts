import type { DriverResult } from '@conveyor-ts/core';
import {
  Driver,
  DriverValidationError,
  Event,
  Logger,
  Payload,
  Reconcile,
  RunId,
  buildDrivers,
  exploreDrivers,
  type DriverClass,
} from '@conveyor-ts/decorators';
import { container } from 'tsyringe';

function problemsOf(...classes: DriverClass[]): string[] {
  return exploreDrivers(classes).problems.map((p) => `${p.driver}: ${p.problem}`);
}

@Driver({ name: 'git-cloner', resources: ['git-repo'], concurrency: 2 })
class GitCloner {
  @Reconcile()
  reconcile(): void {}
}

describe('exploreDrivers', () => {
  it('describes a valid driver with the seed parameter order when no parameter is decorated', () => {
    const { descriptors, problems } = exploreDrivers([GitCloner]);
    expect(problems).toEqual([]);
    expect(descriptors).toHaveLength(1);
    expect(descriptors[0]).toMatchObject({
      target: GitCloner,
      options: { name: 'git-cloner', resources: ['git-repo'], concurrency: 2 },
      reconcileMethod: 'reconcile',
    });
    expect(descriptors[0].parameters.map((p) => p.kind)).toEqual(['payload', 'event', 'runId', 'logger']);
  });

  it('discovers every @Driver() class imported when no list is given', () => {
    const discovered = exploreDrivers().descriptors.map((d) => d.target);
    expect(discovered).toContain(GitCloner);
  });

  it('refuses names that are not one NATS subject token', () => {
    @Driver({ name: 'git.cloner', resources: ['repo>', 'ok'] })
    class BadNames {
      @Reconcile() reconcile(): void {}
    }
    expect(problemsOf(BadNames)).toEqual([
      `BadNames: @Driver() name: must be a single NATS subject token, but "git.cloner" contains '.' (not allowed: '.', '*', '>', '|', whitespace) (got string)`,
      `BadNames: @Driver() resources: [0] must be a single NATS subject token, but "repo>" contains '>' (not allowed: '.', '*', '>', '|', whitespace) (got an array)`,
    ]);
  });

  it('refuses empty and repeated resources and bad runtime options', () => {
    @Driver({ name: 'empty', resources: [], concurrency: 0, deliverPolicy: 'last' as 'all' })
    class Empty {
      @Reconcile() reconcile(): void {}
    }
    @Driver({ name: 'twice', resources: ['a', 'b', 'a'] })
    class Twice {
      @Reconcile() reconcile(): void {}
    }
    expect(problemsOf(Empty, Twice)).toEqual([
      'Empty: @Driver() resources: must list at least one resource type (got an array)',
      'Empty: @Driver() concurrency: must be a number >= 1, got 0',
      'Empty: @Driver() deliverPolicy: must be "all" or "new", got "last"',
      'Twice: @Driver() resources: must not list a resource twice ("a" repeated) (got an array)',
    ]);
  });

  it("applies the manager's option rules at boot and reports every problem of every driver", () => {
    // Each of these passed boot validation once and failed later, one at a time, with a bare TypeError.
    @Driver({ name: 'slow-acks', resources: ['a'], ackWaitMs: 500, timeoutMs: 0.5, retry: { factor: 0 } })
    class SlowAcks {
      @Reconcile() reconcile(): void {}
    }
    @Driver({ name: 'tight', resources: ['a'], concurrency: 8, maxAckPending: 4, events: [] })
    class Tight {
      @Reconcile() reconcile(): void {}
    }
    expect(problemsOf(SlowAcks, Tight)).toEqual([
      'SlowAcks: @Driver() timeoutMs: must be a number >= 1, got 0.5',
      'SlowAcks: @Driver() retry.factor: must be a number >= 1, got 0',
      'SlowAcks: @Driver() ackWaitMs: must be a number >= 1000, got 500',
      'Tight: @Driver() maxAckPending: must be a number >= 8, got 4',
      'Tight: @Driver() events: must list at least one event, or be left out to reconcile all',
    ]);
  });

  it('requires options', () => {
    @Driver(undefined as never)
    class NoOptions {
      @Reconcile() reconcile(): void {}
    }
    expect(problemsOf(NoOptions)).toEqual([
      "NoOptions: @Driver() needs its options: @Driver({ name: 'my-driver', resources: ['my-resource'] }).",
    ]);
  });

  it('requires exactly one @Reconcile() method', () => {
    @Driver({ name: 'none', resources: ['r'] })
    class NoReconcile {}
    @Driver({ name: 'two', resources: ['r'] })
    class TwoReconciles {
      @Reconcile() first(): void {}
      @Reconcile() second(): void {}
    }
    expect(problemsOf(NoReconcile, TwoReconciles)).toEqual([
      'NoReconcile: has no @Reconcile() method: put @Reconcile() on the method that handles a resource.',
      'TwoReconciles: has 2 @Reconcile() methods (first, second): exactly one is allowed.',
    ]);
  });

  it('refuses parameter decorators off the @Reconcile() method, doubled, or on only some parameters', () => {
    @Driver({ name: 'params', resources: ['r'] })
    class Params {
      @Reconcile()
      reconcile(@Payload() _resource: unknown, _event: string, @RunId() @Event() _id: string): void {}

      helper(@Logger() _log: unknown): void {}
    }
    expect(problemsOf(Params)).toEqual([
      'Params: Params.helper has @Logger() but is not the @Reconcile() method: parameter decorators only work on the @Reconcile() method.',
      'Params: Params.reconcile parameter #2 has @Event() and @RunId(): keep one.',
      'Params: Params.reconcile parameter #1 has no decorator: decorate every parameter (@Payload(), @Event(), ' +
        '@RunId(), @Logger(), @Message(), @Signal(), @Client()) or none (then they receive payload, event, run id, logger).',
    ]);
  });

  it('refuses two drivers with one name', () => {
    @Driver({ name: 'git-cloner', resources: ['other'] })
    class SecondCloner {
      @Reconcile() reconcile(): void {}
    }
    expect(problemsOf(GitCloner, SecondCloner)).toEqual([
      'GitCloner, SecondCloner: 2 drivers are named "git-cloner": driver names must be unique (each owns one JetStream consumer).',
    ]);
  });

  it('refuses a class without @Driver() and an empty list', () => {
    class Plain {}
    expect(problemsOf(Plain)).toEqual([
      "Plain: Plain is not decorated with @Driver(): add @Driver({ name: 'my-driver', resources: ['my-resource'] }) above the class.",
    ]);
    expect(problemsOf()).toEqual([
      'application: the `drivers` list is empty: pass the driver classes to run, e.g. { drivers: [GitCloner] }.',
    ]);
  });

  it('inherits @Reconcile() and its parameters from a base class', () => {
    abstract class Base {
      @Reconcile()
      handle(@RunId() runId: string): DriverResult {
        return { success: true, message: runId };
      }
    }
    @Driver({ name: 'derived', resources: ['r'] })
    class Derived extends Base {}
    const { descriptors, problems } = exploreDrivers([Derived]);
    expect(problems).toEqual([]);
    expect(descriptors[0]).toMatchObject({
      reconcileMethod: 'handle',
      parameters: [{ kind: 'runId', index: 0 }],
    });
  });

  it('reports every problem of every driver in one error', () => {
    @Driver({ name: 'bad name', resources: [] })
    class Broken {}
    @Driver({ name: 'fine', resources: ['r'] })
    class Fine {
      @Reconcile() reconcile(): void {}
    }
    let error: unknown;
    try {
      buildDrivers(container.createChildContainer(), [Broken, Fine, GitCloner, GitCloner]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DriverValidationError);
    expect((error as DriverValidationError).problems).toHaveLength(3);
    expect((error as Error).message).toBe(
      [
        'Cannot start the drivers, 3 problems found (nothing was connected):',
        `  - Broken: @Driver() name: must be a single NATS subject token, but "bad name" contains whitespace (not allowed: '.', '*', '>', '|', whitespace) (got string)`,
        '  - Broken: @Driver() resources: must list at least one resource type (got an array)',
        '  - Broken: has no @Reconcile() method: put @Reconcile() on the method that handles a resource.',
      ].join('\n'),
    );
  });
});
