import type { DependencyContainer, InjectionToken } from 'tsyringe';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Constructor<T> = new (...args: any[]) => T;

/** A registration for the application's (or a test's) container, in tsyringe's provider shapes. */
export type ProviderOverride<T = unknown> =
  | { provide: InjectionToken<T>; useValue: T }
  | { provide: InjectionToken<T>; useClass: Constructor<T> }
  | { provide: InjectionToken<T>; useFactory: (container: DependencyContainer) => T }
  | { provide: InjectionToken<T>; useToken: InjectionToken<T> };

/** Registers each provider in `container`, replacing what a parent container provides for its token. */
export function registerProviders(
  container: DependencyContainer,
  providers: readonly ProviderOverride[] = [],
): void {
  for (const { provide, ...provider } of providers) {
    container.register(provide, provider as never);
  }
}
