import { SpecValidator } from '../spec-validator';

// Messages are matched on words both Ajv's and the server's wording use.
describe('SpecValidator: linear-time patterns, schemas kept apart, a bounded cache', () => {
  it('matches a catastrophic-backtracking pattern in linear time', () => {
    const validator = new SpecValidator();
    const schema = { type: 'string', pattern: '^(a+)+$' };
    const started = performance.now();
    expect(validator.validate(schema, `${'a'.repeat(32)}!`)).toMatch(/match pattern/);
    expect(validator.validate(schema, 'a'.repeat(100_000))).toBeUndefined();
    // Backtracking takes minutes on the 33 characters; RE2 takes milliseconds on all of it.
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('keeps JSON-schema pattern semantics: unanchored search, Unicode classes', () => {
    const validator = new SpecValidator();
    expect(validator.validate({ pattern: 'b+' }, 'aabbc')).toBeUndefined();
    expect(validator.validate({ pattern: '^\\p{L}+$' }, 'héllo')).toBeUndefined();
    expect(validator.validate({ patternProperties: { '^x-': { type: 'number' } } }, { 'x-a': 's' })).toMatch(
      /(must be|expected) number/,
    );
  });

  it('refuses, as Go regexp does, a pattern RE2 cannot run (lookahead)', () => {
    expect(() => new SpecValidator().validate({ pattern: '(?=a)' }, 'a')).toThrow(/lookahead|Perl syntax/);
  });

  it('still refuses a schema that breaks its meta-schema', () => {
    expect(() => new SpecValidator().validate({ type: 'no-such-type' }, 1)).toThrow(/schema is invalid/);
  });

  it('keeps schemas apart: two schemas with one $id, and a replaced schema, each apply at once', () => {
    const validator = new SpecValidator();
    const asString = { $id: 'https://example.com/job', type: 'string' };
    const asNumber = { $id: 'https://example.com/job', type: 'number' };
    expect(validator.validate(asString, 'x')).toBeUndefined();
    expect(validator.validate(asNumber, 1)).toBeUndefined();
    expect(validator.validate(asNumber, 'x')).toMatch(/(must be|expected) number/);
    expect(validator.validate(asString, 1)).toMatch(/(must be|expected) string/);
  });

  it('holds at most its capacity of compiled schemas, dropping the least recently used', () => {
    const validator = new SpecValidator(3);
    for (let i = 0; i < 10; i++) expect(validator.validate({ const: i }, i)).toBeUndefined();
    expect(validator.size).toBe(3);
  });
});
