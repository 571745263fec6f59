import { goDecodeProblem } from '../go-struct';

const shape = { name: 'string', metadata: 'string-map', spec: 'any', steps: 'steps' } as const;

describe('goDecodeProblem', () => {
  it('accepts what Go decodes: nulls, unknown fields, any spec', () => {
    expect(goDecodeProblem(null, shape, 'T')).toBeUndefined();
    expect(
      goDecodeProblem({ name: null, extra: 1, spec: [1], steps: [{ driver: 'd' }, null] }, shape, 'T'),
    ).toBeUndefined();
  });

  it('names the field and types of a mismatch, as encoding/json does', () => {
    expect(goDecodeProblem({ name: 1 }, shape, 'T')).toBe(
      'json: cannot unmarshal number into Go struct field T.name of type string',
    );
    expect(goDecodeProblem({ metadata: { a: true } }, shape, 'T')).toBe(
      'json: cannot unmarshal bool into Go struct field T.metadata of type map[string]string',
    );
    expect(goDecodeProblem({ steps: [{ driver: 3 }] }, shape, 'T')).toMatch(
      /T\.steps of type \[\]types\.Step$/,
    );
    expect(goDecodeProblem([], shape, 'T')).toBe(
      'json: cannot unmarshal array into Go value of type types.T',
    );
  });
});
