import type { DriverResult } from '@conveyor-ts/core';
import {
  Client,
  DecoratorUsageError,
  Driver,
  Event,
  Logger,
  Payload,
  Reconcile,
  RunId,
} from '@conveyor-ts/decorators';

// Each class is defined inside the assertion: a misplaced decorator throws while the class is defined.
describe('decorators on the wrong target', () => {
  it('refuses @Reconcile() on a static method', () => {
    expect(() => {
      class Static {
        @Reconcile()
        static reconcile(): void {}
      }
      return Static;
    }).toThrow(
      new DecoratorUsageError(
        '@Reconcile() is on the static method Static.reconcile: it must decorate an instance method (remove `static`).',
      ),
    );
  });

  it('refuses @Reconcile() on an accessor, naming the member', () => {
    expect(() => {
      class Accessor {
        @Reconcile()
        get reconcile(): () => void {
          return () => undefined;
        }
      }
      return Accessor;
    }).toThrow(/@Reconcile\(\) is on Accessor.reconcile, which is not a method: decorate a method/);
  });

  it('refuses @Reconcile() on a property (as JavaScript users can write it)', () => {
    const asProperty = Reconcile() as unknown as (target: object, key: string) => void;
    class Field {}
    expect(() => asProperty(Field.prototype, 'handle')).toThrow(/Field.handle, which is not a method/);
  });

  it('refuses reconcile parameter decorators on the constructor', () => {
    expect(() => {
      class Ctor {
        constructor(@Logger() readonly log: unknown) {}
      }
      return Ctor;
    }).toThrow(
      '@Logger() is on constructor parameter #0 of Ctor: it belongs on a parameter of the @Reconcile() method, ' +
        'which gets it per message; the constructor gets services by injection.',
    );
  });

  it('refuses parameter decorators on a static method', () => {
    expect(() => {
      class StaticParams {
        static handle(@Event() event: string): string {
          return event;
        }
      }
      return StaticParams;
    }).toThrow(/@Event\(\) is on a parameter of the static method StaticParams.handle/);
  });

  it('names the payload class in the message', () => {
    class Spec {}
    expect(() => {
      class WithSpec {
        constructor(@Payload(Spec) readonly p: unknown) {}
      }
      return WithSpec;
    }).toThrow(/^@Payload\(Spec\) is on constructor parameter #0 of WithSpec/);
  });

  it('refuses @Driver() twice on one class', () => {
    expect(() => {
      @Driver({ name: 'a', resources: ['r'] })
      @Driver({ name: 'b', resources: ['r'] })
      class Twice {
        @Reconcile()
        reconcile(@RunId() runId: string): DriverResult {
          return { success: true, message: runId };
        }
      }
      return Twice;
    }).toThrow('@Driver() is applied twice to Twice: keep one.');
  });

  it('refuses @Driver() on a member', () => {
    const onMember = Driver({ name: 'a', resources: ['r'] }) as unknown as (
      target: object,
      key: string,
    ) => void;
    expect(() => onMember({}, 'x')).toThrow('@Driver() decorates a class, not a member');
  });

  it('accepts @Client() on a constructor parameter (it injects the client token)', () => {
    expect(() => {
      class UsesClient {
        constructor(@Client() readonly client: unknown) {}
      }
      return UsesClient;
    }).not.toThrow();
  });

  it('explains a missing reflect-metadata polyfill', () => {
    const getMetadata = Reflect.getMetadata;
    try {
      (Reflect as { getMetadata?: unknown }).getMetadata = undefined;
      expect(() => {
        @Driver({ name: 'a', resources: ['r'] })
        class NoPolyfill {}
        return NoPolyfill;
      }).toThrow(
        "@Driver() needs the reflect-metadata polyfill, which is not loaded: add `import 'reflect-metadata';` as the " +
          'first line of your entry point, before any driver or service file is imported.',
      );
    } finally {
      Reflect.getMetadata = getMetadata;
    }
  });
});
