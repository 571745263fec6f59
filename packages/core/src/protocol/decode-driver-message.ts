import type { ClassConstructor } from 'class-transformer';
import { describeThrown } from '../errors/describe-thrown';
import { describeType, isSubjectToken } from './subject-token-rules';
import { findFieldProblems, type FieldProblem } from './field-problems';
import { MalformedMessageError, type PartialDriverMessage } from './malformed-message-error';
import { DriverMessage } from './model/driver-message';
import { Resource } from './model/resource';

/** A DriverMessage whose payload has been parsed and validated as a Resource. */
export interface DecodedDriverMessage<TSpec = unknown> {
  event: string;
  id: string;
  runId: string;
  resource: Resource<TSpec>;
}

const utf8 = new TextDecoder('utf-8');
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes the bytes of a DriverMessage. Accepts the string-encoded payload every server sends and,
 * tolerantly, an object payload. Throws `MalformedMessageError` naming the field and the problem.
 */
export function decodeDriverMessage(data: Uint8Array): DecodedDriverMessage {
  const raw = parseJson(decodeUtf8(data), 'message');
  if (!isObject(raw)) throw whole(`must be a JSON object, got ${describeType(raw)}`);

  // What could be read (`partialOf`) is collected only for a message that fails.
  if (!isPlainEnvelope(raw)) {
    // The engine attaches a failure result only to a resource it can name (§4): keep a readable payload.
    throw new MalformedMessageError(
      validate(DriverMessage, raw, ''),
      partialOf(raw, readableResource(raw.payload)),
    );
  }

  const payload = typeof raw.payload === 'string' ? parseJson(raw.payload, 'payload', raw) : raw.payload;
  if (!isObject(payload)) {
    throw new MalformedMessageError(
      [{ field: 'payload', problem: `must hold a Resource object, got ${describeType(payload)}` }],
      partialOf(raw),
    );
  }
  if (!isPlainResource(payload)) {
    throw new MalformedMessageError(
      validate(Resource, payload, 'payload'),
      partialOf(raw, payload as Partial<Resource>),
    );
  }

  const message = raw as unknown as DriverMessage;
  return {
    event: message.event,
    id: message.id,
    runId: message.run_id,
    resource: payload as unknown as Resource,
  };
}

/*
 * Hand-written mirrors of the DriverMessage and Resource validation rules, for the hot path: when
 * one holds, class-validator would find nothing (they are never more lenient), so it only runs to
 * name the problems of a message that fails them. This keeps decoding a few microseconds.
 */
function isPlainEnvelope(raw: Record<string, unknown>): boolean {
  return (
    typeof raw.event === 'string' &&
    (typeof raw.payload === 'string' || isObject(raw.payload)) &&
    isSubjectToken(raw.id) &&
    isSubjectToken(raw.run_id)
  );
}

function isPlainResource(payload: Record<string, unknown>): boolean {
  const { id, pipeline, metadata } = payload;
  return (
    (id == null || typeof id === 'string') &&
    typeof payload.name === 'string' &&
    (pipeline == null || typeof pipeline === 'string') &&
    isSubjectToken(payload.resource) &&
    (metadata == null || (isObject(metadata) && Object.values(metadata).every((v) => typeof v === 'string')))
  );
}

/**
 * The slow path: class-transformer and class-validator name the problems. They cannot represent
 * every JSON object (a `constructor` or `__proto__` key, nesting deeper than the stack), so such a
 * message is named here, and whatever else they throw is a problem of the message, never an escape.
 */
function validate(model: ClassConstructor<object>, plain: object, path: string): FieldProblem[] {
  const reserved = findReservedKeys(plain, path);
  if (reserved.length > 0) return reserved;
  try {
    const problems = findFieldProblems(model, plain, path);
    if (problems.length > 0) return problems;
  } catch (error) {
    return [{ field: path || 'message', problem: `cannot be validated: ${describeThrown(error)}` }];
  }
  // The fast check failed yet the validator found nothing: never decode what the fast check refused.
  return [{ field: path || 'message', problem: 'does not match the DriverMessage schema' }];
}

const RESERVED_KEYS = ['__proto__', 'constructor', 'prototype'];

/** Keys that would reach object prototypes, in the object itself or in `metadata`. */
function findReservedKeys(plain: object, path: string): FieldProblem[] {
  const metadata = (plain as { metadata?: unknown }).metadata;
  const places: [object, string][] = [[plain, path || 'message']];
  if (isObject(metadata)) places.push([metadata, path ? `${path}.metadata` : 'metadata']);
  return places.flatMap(([object, field]) =>
    Object.keys(object)
      .filter((key) => RESERVED_KEYS.includes(key))
      .map((key) => ({
        field,
        problem: `must not hold the key "${key}" (a reserved JavaScript property name)`,
      })),
  );
}

/**
 * The lenient decoder replaces invalid bytes with U+FFFD; only a text holding one is decoded again
 * strictly (a sender may also have meant U+FFFD). The strict decoder alone cost about 14 us more per
 * message at light load, when its code is cold.
 */
function decodeUtf8(data: Uint8Array): string {
  const text = utf8.decode(data);
  if (!text.includes('\uFFFD')) return text;
  try {
    return strictUtf8.decode(data);
  } catch {
    throw whole('is not valid UTF-8');
  }
}

function parseJson(text: string, field: string, envelope?: Record<string, unknown>): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const problem = text.length === 0 ? 'is empty, not JSON' : `is not valid JSON (${(e as Error).message})`;
    throw new MalformedMessageError([{ field, problem }], envelope ? partialOf(envelope) : {});
  }
}

function partialOf(raw: Record<string, unknown>, resource?: Partial<Resource>): PartialDriverMessage {
  const partial = readPartial(raw);
  if (resource) partial.resource = resource;
  return partial;
}

/** Ids are kept only when they are subject tokens: they go into result headers (`Nats-Msg-Id`). */
function readPartial(raw: Record<string, unknown>): PartialDriverMessage {
  const partial: PartialDriverMessage = {};
  if (typeof raw.event === 'string') partial.event = raw.event;
  for (const key of ['id', 'run_id'] as const) {
    const value = raw[key];
    if (isSubjectToken(value)) partial[key] = value;
  }
  return partial;
}

/** The payload as an object when it is one (or a string holding one); otherwise undefined. */
function readableResource(payload: unknown): Partial<Resource> | undefined {
  try {
    const value = typeof payload === 'string' ? JSON.parse(payload) : payload;
    return isObject(value) ? (value as Partial<Resource>) : undefined;
  } catch {
    return undefined;
  }
}

function whole(problem: string): MalformedMessageError {
  return new MalformedMessageError([{ field: 'message', problem }]);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
