import type { ClassConstructor } from 'class-transformer';

/** What a reconcile parameter receives. */
export type ParameterKind = 'payload' | 'event' | 'runId' | 'logger' | 'message' | 'signal' | 'client';

export interface PayloadOptions {
  /**
   * What the class given to `@Payload(Class)` describes: the resource's `spec` (default; the handler
   * gets the resource with a transformed `spec`) or the whole resource (the handler gets the instance).
   */
  validate?: 'spec' | 'resource';
}

/** One decorated reconcile parameter. */
export interface ParameterBinding {
  index: number;
  kind: ParameterKind;
  /** How the user wrote it, for messages: `@Payload()`. */
  decorator: string;
  /** `@Payload(Class)`: the class-validator class the payload is transformed into and validated. */
  payloadClass?: ClassConstructor<object>;
  payloadOptions?: PayloadOptions;
}

/** A handler without parameter decorators gets the seed's order: payload, event, run id, logger. */
export const DEFAULT_PARAMETERS: readonly ParameterBinding[] = [
  { index: 0, kind: 'payload', decorator: '(default) payload' },
  { index: 1, kind: 'event', decorator: '(default) event' },
  { index: 2, kind: 'runId', decorator: '(default) run id' },
  { index: 3, kind: 'logger', decorator: '(default) logger' },
];
