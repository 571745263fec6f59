import { MAX_DESCRIBED_VALUE_LENGTH } from '../../constants';
import { describeThrown, toError } from '../describe-thrown';

function withThrowingToString(): object {
  return {
    toString() {
      throw new Error('toString exploded');
    },
  };
}

function errorWithThrowingMessage(): Error {
  const error = new TypeError('hidden');
  Object.defineProperty(error, 'message', {
    get() {
      throw new Error('message getter exploded');
    },
  });
  return error;
}

function revokedProxy(): object {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
}

describe('describeThrown', () => {
  it.each([
    ['a string', 'disk full', 'disk full'],
    ['an Error', new Error('no such ref'), 'no such ref'],
    ['a number', 42, '42'],
    ['undefined', undefined, 'undefined'],
    ['null', null, 'null'],
    ['a Symbol', Symbol('odd'), 'Symbol(odd)'],
    ['a BigInt', 10n ** 20n, '100000000000000000000n'],
    [
      'an object with no prototype',
      Object.assign(Object.create(null), { a: 1 }),
      'an object with no prototype: {"a":1}',
    ],
    ['an object with a toString', { toString: () => 'custom' }, 'custom'],
    ['a plain object', { code: 7 }, 'a non-Error object: {"code":7}'],
    [
      'a throwing toString',
      withThrowingToString(),
      'an object whose string conversion throws (toString exploded): {}',
    ],
    [
      'a throwing message getter',
      errorWithThrowingMessage(),
      'TypeError whose message cannot be read (message getter exploded)',
    ],
    ['a revoked Proxy', revokedProxy(), 'an object whose description throws'],
  ])('describes %s without throwing', (_kind, value, expected) => {
    expect(describeThrown(value)).toContain(expected);
  });

  it('bounds the text so one huge message cannot make a result unpublishable', () => {
    const text = describeThrown('x'.repeat(MAX_DESCRIBED_VALUE_LENGTH * 3));
    expect(text.length).toBeLessThan(MAX_DESCRIBED_VALUE_LENGTH + 40);
    expect(text).toMatch(/… \(8192 more characters\)$/);
  });
});

describe('toError', () => {
  it('keeps an ordinary Error as it is', () => {
    const error = new RangeError('out of range');
    expect(toError(error)).toBe(error);
  });

  it('replaces anything else by an Error whose message can be read', () => {
    const hostile = errorWithThrowingMessage();
    const error = toError(hostile);
    expect(error).not.toBe(hostile);
    expect(error.message).toBe('TypeError whose message cannot be read (message getter exploded)');
    expect(toError(Object.create(null)).message).toBe('an object with no prototype: {}');
  });
});
