/**
 * Values a careless or hostile reconcile may throw or return, by name (names travel in a message's
 * spec; the values themselves cannot). Shared by the unit and integration fuzz suites.
 */
export const HOSTILE_VALUES: Record<string, () => unknown> = {
  nullPrototype: () => Object.create(null),
  nullPrototypeWithKeys: () => Object.assign(Object.create(null), { code: 7, nested: { a: 1 } }),
  throwingToString: () => ({
    toString() {
      throw new Error('toString exploded');
    },
  }),
  throwingToPrimitive: () => ({
    [Symbol.toPrimitive]() {
      throw Object.create(null);
    },
  }),
  throwingMessageGetter: () =>
    Object.defineProperty(new Error('hidden'), 'message', {
      get() {
        throw Object.create(null);
      },
    }),
  nonStringMessage: () => Object.defineProperty(new Error(), 'message', { value: { not: 'text' } }),
  revokedProxy: () => {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    return proxy;
  },
  trapThrowingProxy: () =>
    new Proxy(
      {},
      {
        get: () => {
          throw new Error('get trap');
        },
        getPrototypeOf: () => {
          throw new Error('getPrototypeOf trap');
        },
        ownKeys: () => {
          throw new Error('ownKeys trap');
        },
      },
    ),
  symbol: () => Symbol('odd'),
  bigint: () => 10n ** 30n,
  undefined: () => undefined,
  null: () => null,
  cyclic: () => {
    const value: Record<string, unknown> = {};
    value.self = value;
    return value;
  },
  throwingToJson: () => ({
    toJSON() {
      throw Symbol('no json');
    },
  }),
  hugeString: () => 'x'.repeat(2_000_000),
  hugeMessageError: () => new Error('y'.repeat(2_000_000)),
  deepObject: () => JSON.parse(`${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}`) as unknown,
  resultWithHostileData: () => ({ success: true, message: 'ok', data: { big: 10n } }),
  resultWithThrowingGetter: () =>
    Object.defineProperty({ message: 'm' }, 'success', {
      get() {
        throw Object.create(null);
      },
    }),
  resultWithDeepData: () => ({
    success: true,
    message: 'deep',
    data: JSON.parse(`${'['.repeat(50_000)}${']'.repeat(50_000)}`) as unknown,
  }),
};

export const HOSTILE_VALUE_NAMES = Object.keys(HOSTILE_VALUES);

/** What a fuzzed reconcile does, named in the message's spec: `{ act, value }`. */
export interface HostileBehaviour {
  act: 'throw' | 'reject' | 'return';
  /** A name in HOSTILE_VALUES; anything else is used as the (JSON) value itself. */
  value: unknown;
}

/** The reconcile body the fuzz suites run: does what the spec says, with a hostile value. */
export function actOut(spec: unknown): unknown {
  const { act, value } = (spec ?? {}) as Partial<HostileBehaviour>;
  const chosen = typeof value === 'string' && value in HOSTILE_VALUES ? HOSTILE_VALUES[value]() : value;
  if (act === 'throw') throw chosen;
  if (act === 'reject') return Promise.reject(chosen);
  return chosen;
}
