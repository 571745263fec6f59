import { MAX_DESCRIBED_VALUE_LENGTH } from '../constants';

/**
 * Text for any thrown or user-supplied value, without ever throwing: an object with no prototype,
 * a throwing `toString` or `message` getter, a revoked Proxy, a Symbol or a BigInt each get a
 * precise description instead of the TypeError that `String(value)` or a template literal would throw.
 */
export function describeThrown(value: unknown): string {
  return bounded(describeOnce(value, true));
}

/**
 * `thrown` itself when it is an ordinary Error (a string `message` held as data, not a getter),
 * else an Error whose message describes it. Everything downstream may then read `.message` freely.
 */
export function toError(thrown: unknown): Error {
  try {
    if (thrown instanceof Error) {
      const own = Object.getOwnPropertyDescriptor(thrown, 'message');
      const message: unknown = own && 'value' in own ? own.value : undefined;
      if (typeof message === 'string' && message.length <= MAX_DESCRIBED_VALUE_LENGTH) return thrown;
    }
  } catch {
    // A Proxy's traps threw: describe it below.
  }
  return new Error(describeThrown(thrown), { cause: thrown });
}

function describeOnce(value: unknown, explainFailure: boolean): string {
  try {
    return describeUnsafe(value);
  } catch (failure) {
    const why = explainFailure ? ` (${describeOnce(failure, false)})` : '';
    return `${article(value)} whose description throws${why}`;
  }
}

function describeUnsafe(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return value;
    case 'symbol':
      return `Symbol(${value.description ?? ''})`;
    case 'bigint':
      return `${BigInt.prototype.toString.call(value)}n`;
    case 'function':
      return `a function ${Function.prototype.toString.call(value).slice(0, 60)}`;
    case 'object':
      return value === null ? 'null' : describeObject(value);
    default:
      return String(value);
  }
}

function describeObject(value: object): string {
  if (value instanceof Error) return describeError(value);
  if (Object.getPrototypeOf(value) === null) return `an object with no prototype: ${json(value)}`;
  let text: string;
  try {
    text = String(value);
  } catch (failure) {
    return `an object whose string conversion throws (${describeOnce(failure, false)}): ${json(value)}`;
  }
  if (!text.startsWith('[object ')) return text;
  return `a non-Error ${Array.isArray(value) ? 'array' : 'object'}: ${json(value)}`;
}

function describeError(error: Error): string {
  const name = typeof error.name === 'string' ? error.name : 'Error';
  let message: unknown;
  try {
    message = error.message;
  } catch (failure) {
    return `${name} whose message cannot be read (${describeOnce(failure, false)})`;
  }
  return typeof message === 'string' ? message : `${name} whose message is ${describeType(message)}`;
}

function json(value: object): string {
  try {
    return JSON.stringify(value) ?? 'no JSON form';
  } catch (error) {
    return `no JSON form (${describeOnce(error, false)})`;
  }
}

function describeType(value: unknown): string {
  return value === null ? 'null' : typeof value;
}

function article(value: unknown): string {
  const kind = typeof value;
  return /^[aeiou]/.test(kind) ? `an ${kind}` : `a ${kind}`;
}

function bounded(text: string): string {
  if (text.length <= MAX_DESCRIBED_VALUE_LENGTH) return text;
  const cut = text.length - MAX_DESCRIBED_VALUE_LENGTH;
  return `${text.slice(0, MAX_DESCRIBED_VALUE_LENGTH)}… (${cut} more characters)`;
}
