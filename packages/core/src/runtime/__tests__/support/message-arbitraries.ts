import fc from 'fast-check';
import { HOSTILE_VALUE_NAMES, type HostileBehaviour } from './hostile-values';

const text = (s: string) => new TextEncoder().encode(s);

/** Object JSON from entries, so keys such as `__proto__` are written as data, never as prototypes. */
const objectText = (entries: ReadonlyArray<readonly [string, string]>) =>
  `{${entries.map(([key, json]) => `${JSON.stringify(key)}:${json}`).join(',')}}`;

/** Keys that trip JavaScript object handling (class-transformer, prototypes). */
const trickyKey = fc.constantFrom('constructor', '__proto__', 'prototype', 'toString', 'hasOwnProperty', '');

/** Nesting deep enough to overflow a recursive walker, as JSON text. */
const deepJson = fc
  .integer({ min: 1, max: 60_000 })
  .chain((depth) =>
    fc.constantFrom(
      `${'['.repeat(depth)}${']'.repeat(depth)}`,
      `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`,
    ),
  );

/** A JSON value as text: ordinary, deep, or an object with tricky keys. */
const jsonValueText: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.json({ maxDepth: 3 }) },
  { weight: 1, arbitrary: deepJson },
  {
    weight: 1,
    arbitrary: fc.array(fc.tuple(trickyKey, fc.json({ maxDepth: 2 })), { maxLength: 3 }).map(objectText),
  },
);

/** A subject-token-ish string: mostly valid, sometimes with dots, spaces, wildcards or controls. */
const tokenish = fc.oneof(
  fc.stringMatching(/^[a-z0-9-]{1,24}$/),
  fc.string({ maxLength: 12 }),
  fc.constantFrom('a.b', 'a b', '*', '>', 'a|b', 'line\r\nbreak', ''),
);

/** A Resource payload: every field valid, missing, or of another type; metadata with tricky keys. */
const resourceText = (resource: string): fc.Arbitrary<string> =>
  fc
    .record(
      {
        name: fc.oneof(
          tokenish.map((s) => JSON.stringify(s)),
          jsonValueText,
        ),
        resource: fc.oneof(
          fc.constant(JSON.stringify(resource)),
          tokenish.map((s) => JSON.stringify(s)),
        ),
        pipeline: fc.oneof(fc.constant('"ci"'), jsonValueText),
        metadata: fc.oneof(
          fc.constant('null'),
          fc
            .array(
              fc.tuple(
                fc.oneof(trickyKey, fc.string({ maxLength: 8 })),
                fc.oneof(fc.constant('"v"'), jsonValueText),
              ),
              { maxLength: 3 },
            )
            .map(objectText),
        ),
        spec: jsonValueText,
      },
      { requiredKeys: [] },
    )
    .map((fields) => objectText(Object.entries(fields)));

/** DriverMessage bytes: random bytes, any JSON, or an envelope with any mix of good and bad fields. */
export function driverMessageBytes(resource: string): fc.Arbitrary<Uint8Array> {
  const envelope = fc
    .record(
      {
        event: fc.oneof(fc.constant('"create"'), jsonValueText),
        payload: fc.oneof(
          resourceText(resource).map((t) => JSON.stringify(t)),
          resourceText(resource),
          jsonValueText,
        ),
        id: fc.oneof(
          tokenish.map((s) => JSON.stringify(s)),
          jsonValueText,
        ),
        run_id: fc.oneof(
          tokenish.map((s) => JSON.stringify(s)),
          jsonValueText,
        ),
      },
      { requiredKeys: [] },
    )
    .chain((fields) =>
      fc
        .array(fc.tuple(trickyKey, jsonValueText), { maxLength: 2 })
        .map((extra) => objectText([...Object.entries(fields), ...extra])),
    )
    .map(text);
  return fc.oneof(
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 256 }) },
    { weight: 1, arbitrary: jsonValueText.map(text) },
    { weight: 4, arbitrary: envelope },
  );
}

/** What a fuzzed reconcile does: throw, reject or return a hostile value, or any JSON value. */
export const hostileBehaviour: fc.Arbitrary<HostileBehaviour> = fc.record({
  act: fc.constantFrom('throw', 'reject', 'return', 'throw', 'reject'),
  value: fc.oneof(fc.constantFrom(...HOSTILE_VALUE_NAMES), fc.jsonValue({ maxDepth: 2 })),
});
