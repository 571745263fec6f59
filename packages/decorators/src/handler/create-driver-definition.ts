import type { DriverDefinition, ReconcileContext, ReconcileOutcome } from '@conveyor-ts/core';
import type { DriverDescriptor } from '../explorer/driver-descriptor';
import type { ParameterBinding } from '../metadata/parameter-binding';
import { bindPayload } from './bind-payload';

type Handler = (...args: unknown[]) => ReconcileOutcome | Promise<ReconcileOutcome>;

/**
 * Turns a resolved driver instance into the plain definition core's manager runs: each message's
 * context is spread into the handler's parameters as its decorators asked.
 */
export function createDriverDefinition(
  descriptor: DriverDescriptor,
  instance: object,
  client?: unknown,
): DriverDefinition {
  const { name, resources, ...options } = descriptor.options;
  const handler = (instance as Record<string | symbol, Handler>)[descriptor.reconcileMethod].bind(instance);

  // async: a handler that throws synchronously is retried like one that rejects.
  const reconcile = async (context: ReconcileContext): Promise<ReconcileOutcome> => {
    const args: unknown[] = [];
    for (const binding of descriptor.parameters) {
      if (binding.kind === 'payload') {
        const payload = bindPayload(context.resource, binding, name);
        if ('failure' in payload) {
          context.logger.warn(payload.failure.message);
          return payload.failure;
        }
        args[binding.index] = payload.value;
      } else {
        args[binding.index] = argument(binding, context, client);
      }
    }
    return handler(...args);
  };
  return { name, resources: [...resources], options, reconcile };
}

function argument(binding: ParameterBinding, context: ReconcileContext, client: unknown): unknown {
  switch (binding.kind) {
    case 'event':
      return context.event;
    case 'runId':
      return context.runId;
    case 'logger':
      return context.logger;
    case 'message':
      return context.message;
    case 'signal':
      return context.signal;
    case 'client':
      return client;
    case 'payload':
      return context.resource;
  }
}
