import { goMarshal, goMarshalResultEvent } from '../go-marshal';

describe('goMarshal: JSON as Go writes an interface{} value', () => {
  it('sorts object keys as strings at every depth, integer-like keys included', () => {
    expect(goMarshal({ weight: 7, tags: ['a', { z: 1, b: 2 }], 10: 'ten', 9: 'nine' })).toBe(
      '{"10":"ten","9":"nine","tags":["a",{"b":2,"z":1}],"weight":7}',
    );
  });

  it('escapes <, >, & and the line separators as Go does, and writes null, numbers and booleans as JSON', () => {
    expect(goMarshal({ html: '<a href="x">&</a>', ls: '\u2028\u2029' })).toBe(
      '{"html":"\\u003ca href=\\"x\\"\\u003e\\u0026\\u003c/a\\u003e","ls":"\\u2028\\u2029"}',
    );
    expect(goMarshal([null, 1.5, -0.25, true, 'é'])).toBe('[null,1.5,-0.25,true,"é"]');
  });

  it('keeps the result struct field order and writes a missing data as null', () => {
    expect(goMarshalResultEvent({ success: false, message: 'a < b', data: undefined, driver: 'd' })).toBe(
      '{"success":false,"message":"a \\u003c b","data":null,"driver":"d"}',
    );
  });
});
