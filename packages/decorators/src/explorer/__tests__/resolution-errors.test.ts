import {
  Client,
  CONVEYOR_CLIENT,
  Driver,
  DriverValidationError,
  Reconcile,
  buildDrivers,
  type DriverClass,
} from '@conveyor-ts/decorators';
import { container } from 'tsyringe';
// A value import on purpose: decorator metadata needs the class at run time (the lint rule cannot tell).
import { GitService, Unmarked, type Git } from './fixtures/git-service';
import { TypeOnlyImportDriver } from './fixtures/type-only-import.driver';

function problemsBuilding(...classes: DriverClass[]): string[] {
  try {
    buildDrivers(container.createChildContainer(), classes);
  } catch (error) {
    if (error instanceof DriverValidationError) return error.problems.map((p) => `${p.driver}: ${p.problem}`);
    throw error;
  }
  return [];
}

const noRuntimeType = (recorded: string): string =>
  `has no runtime type: TypeScript recorded \`${recorded}\`, which` +
  ' happens when the parameter is typed with an interface ' +
  'or a type alias, or with a class imported by `import type` / `import { type X }`. Import the class as a value, ' +
  'or inject a token: `@inject(TOKEN)` on the parameter and `container.register(TOKEN, { useValue: ... })`.';

describe('constructor injection problems, explained', () => {
  it('explains a class imported with `import type`', () => {
    expect(problemsBuilding(TypeOnlyImportDriver)).toEqual([
      `TypeOnlyImportDriver: constructor parameter "git" #0 of TypeOnlyImportDriver ${noRuntimeType('Function')}`,
    ]);
  });

  it('explains an interface-typed parameter', () => {
    @Driver({ name: 'interface-typed', resources: ['repo'] })
    class InterfaceTyped {
      constructor(readonly git: Git) {}
      @Reconcile() reconcile(): void {}
    }
    expect(problemsBuilding(InterfaceTyped)).toEqual([
      `InterfaceTyped: constructor parameter "git" #0 of InterfaceTyped ${noRuntimeType('Object')}`,
    ]);
  });

  it('explains a service without @injectable(), deep in the graph', () => {
    @Driver({ name: 'needs-unmarked', resources: ['repo'] })
    class NeedsUnmarked {
      constructor(readonly unmarked: Unmarked) {}
      @Reconcile() reconcile(): void {}
    }
    const [problem] = problemsBuilding(NeedsUnmarked);
    expect(problem).toMatch(
      /^NeedsUnmarked: constructor parameter "unmarked" #0 of NeedsUnmarked: "Unmarked" cannot be constructed because the types of its constructor parameters are unknown\. Either it lacks @injectable\(\) \(add it, or register "Unmarked" in the container\)/,
    );
  });

  it('explains a class compiled without decorator metadata', () => {
    class NoMetadata {
      constructor(readonly git: GitService) {}
      reconcile(): void {}
    }
    Reconcile()(
      NoMetadata.prototype,
      'reconcile',
      Object.getOwnPropertyDescriptor(NoMetadata.prototype, 'reconcile')!,
    );
    Driver({ name: 'no-metadata', resources: ['repo'] })(NoMetadata);
    const [problem] = problemsBuilding(NoMetadata);
    expect(problem).toContain(
      'NoMetadata: "NoMetadata" cannot be constructed because the types of its constructor',
    );
    expect(problem).toContain('enable "experimentalDecorators" and "emitDecoratorMetadata" in tsconfig.json');
  });

  it('explains a @Client() parameter when no client is registered', () => {
    @Driver({ name: 'client-user', resources: ['repo'] })
    class ClientUser {
      @Reconcile() reconcile(@Client() _client: unknown): void {}
    }
    expect(problemsBuilding(ClientUser)).toEqual([
      'ClientUser: a @Client() parameter of the @Reconcile() method wants the Conveyor API client, but none is ' +
        'registered: register one (`container.register(CONVEYOR_CLIENT, { useValue: client })`, or in a test ' +
        '`providers: [{ provide: CONVEYOR_CLIENT, useValue: clientMock }]`); ConveyorApplication registers one itself.',
    ]);
    const child = container.createChildContainer();
    child.register(CONVEYOR_CLIENT, { useValue: {} as never });
    expect(buildDrivers(child, [ClientUser])).toHaveLength(1);
  });

  it('reports metadata and construction problems of several drivers together', () => {
    @Driver({ name: 'no.dots', resources: ['repo'] })
    class Dotted {
      @Reconcile() reconcile(): void {}
    }
    expect(problemsBuilding(Dotted, TypeOnlyImportDriver)).toEqual([
      expect.stringMatching(/^Dotted: @Driver\(\) name: must be a single NATS subject token/),
      expect.stringMatching(/^TypeOnlyImportDriver: constructor parameter "git" #0/),
    ]);
  });

  it('injects real services through the child container', () => {
    @Driver({ name: 'real-service', resources: ['repo'] })
    class RealService {
      constructor(readonly git: GitService) {}
      @Reconcile() reconcile(): void {}
    }
    const [built] = buildDrivers(container.createChildContainer(), [RealService]);
    expect((built.instance as RealService).git).toBeInstanceOf(GitService);
  });
});
