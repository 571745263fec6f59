import { randomUUID } from 'node:crypto';
import {
  decodeDriverMessage,
  encodeJson,
  normalizeReconcileResult,
  type DriverDefinition,
  type DriverLogger,
  type DriverResult,
  type Resource,
} from '@conveyor-ts/core';
import type { DependencyContainer } from 'tsyringe';
import { buildTestContext, type TestDeliveryOptions } from './build-test-context';

/** A resource as a test writes it: only `spec` matters; the rest gets defaults. */
export type TestResource<TSpec = unknown> = Partial<Resource<TSpec>> & { spec?: TSpec };

/** A DriverMessage as it travels, `payload` double-encoded (or an object, tolerated like the runtime). */
export interface WireDriverMessage {
  event: string;
  payload: string | object;
  id: string;
  run_id: string;
}

/**
 * One driver built from a child container, run without NATS: feed it resources or raw messages and
 * assert the results and what it logged.
 */
export class TestingDriver<T extends object = object> {
  constructor(
    /** The driver instance the container built, with your overridden providers injected. */
    readonly instance: T,
    readonly definition: DriverDefinition,
    /** The child container; resolve your mocks from it or register more. */
    readonly container: DependencyContainer,
    /** What every reconcile logs into (a `RecordingLogger` unless you passed your own). */
    readonly logger: DriverLogger,
  ) {}

  /**
   * Reconciles a resource. Missing fields get defaults (`resource` is the driver's first resource
   * type). Resolves with the result the engine would get; rejects when the handler throws or returns
   * what is not a DriverResult (both a retry in production).
   */
  async reconcile<TSpec>(
    resource: TestResource<TSpec>,
    options?: TestDeliveryOptions,
  ): Promise<DriverResult> {
    const full: Resource = {
      id: resource.id ?? randomUUID(),
      name: resource.name ?? 'test-resource',
      resource: resource.resource ?? this.definition.resources[0],
      metadata: resource.metadata ?? { version: '1' },
      spec: resource.spec ?? null,
      ...(resource.pipeline ? { pipeline: resource.pipeline } : {}),
    };
    return this.run(full, options);
  }

  /**
   * Reconciles a raw DriverMessage (bytes as received, e.g. from `encodeDriverMessage`, or the wire
   * object). It is decoded like the runtime does; a malformed one throws `MalformedMessageError`.
   */
  async reconcileMessage(
    message: Uint8Array | WireDriverMessage,
    options: Omit<TestDeliveryOptions, 'event' | 'runId' | 'messageId'> = {},
  ): Promise<DriverResult> {
    const decoded = decodeDriverMessage(message instanceof Uint8Array ? message : encodeJson(message));
    return this.run(decoded.resource, {
      ...options,
      event: decoded.event,
      runId: decoded.runId,
      messageId: decoded.id,
    });
  }

  private async run(resource: Resource, options?: TestDeliveryOptions): Promise<DriverResult> {
    const context = buildTestContext(this.definition.name, resource, this.logger, options);
    // The runtime's own check: a result production refuses (a failed attempt) rejects here too.
    return normalizeReconcileResult(await this.definition.reconcile(context));
  }
}
