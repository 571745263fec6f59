import { SpecValidator } from '../spec-validator';

// Each expected text is what the Conveyor server (santhosh-tekuri/jsonschema v5) answers for the case.
describe('SpecValidator words a failure as the server does', () => {
  const validator = new SpecValidator();
  const at = (path: string) => `file://${process.cwd()}/inline-schema#${path}`;
  const schema = {
    type: 'object',
    required: ['repo', 'ref'],
    properties: {
      repo: { type: 'string', minLength: 3, pattern: '^https://' },
      ref: { type: 'string' },
      n: { type: 'integer', minimum: 1 },
      mode: { enum: ['fast', 'slow'] },
      tags: { type: 'array', maxItems: 1 },
    },
    additionalProperties: false,
  };

  it.each([
    [null, `'' does not validate with ${at('/type')}: expected object, but got null`],
    [{}, `'' does not validate with ${at('/required')}: missing properties: 'repo', 'ref'`],
    [
      { repo: 5, ref: 'x' },
      `'/repo' does not validate with ${at('/properties/repo/type')}: expected string, but got number`,
    ],
    [
      { repo: 'ab', ref: 'x' },
      `'/repo' does not validate with ${at('/properties/repo/minLength')}: length must be >= 3, but got 2`,
    ],
    [
      { repo: 'http://x', ref: 'x' },
      `'/repo' does not validate with ${at('/properties/repo/pattern')}: does not match pattern '^https://'`,
    ],
    [
      { repo: 'https://x', ref: 'x', n: 0 },
      `'/n' does not validate with ${at('/properties/n/minimum')}: must be >= 1 but found 0`,
    ],
    [
      { repo: 'https://x', ref: 'x', mode: 'x' },
      `'/mode' does not validate with ${at('/properties/mode/enum')}: value must be one of "fast", "slow"`,
    ],
    [
      { repo: 'https://x', ref: 'x', tags: [1, 2] },
      `'/tags' does not validate with ${at('/properties/tags/maxItems')}: maximum 1 items required, but found 2 items`,
    ],
    [
      { repo: 'https://x', ref: 'x', extra: 1 },
      `'' does not validate with ${at('/additionalProperties')}: additionalProperties 'extra' not allowed`,
    ],
  ])('%j', (spec, words) => {
    expect(validator.validate(schema, spec)).toBe(`validation failed: jsonschema: ${words}`);
  });

  it('passes a valid spec', () => {
    expect(validator.validate(schema, { repo: 'https://x', ref: 'main' })).toBeUndefined();
  });
});
