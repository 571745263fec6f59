import { consumesStep, subjectMatches } from '../consumes-step';

describe('subjectMatches', () => {
  it.each([
    ['drivers.a.resources.b', 'drivers.a.resources.b', true],
    ['drivers.*.resources.b', 'drivers.a.resources.b', true],
    ['drivers.>', 'drivers.a.resources.b', true],
    ['drivers.a.>', 'drivers.a', false],
    ['drivers.a.resources.b', 'drivers.a.resources.c', false],
    ['drivers.a.resources', 'drivers.a.resources.b', false],
  ])('%s against %s is %s', (filter, subject, expected) => {
    expect(subjectMatches(filter, subject)).toBe(expected);
  });
});

describe('consumesStep', () => {
  it('tells a consumer of the step subject from one of another driver or type', () => {
    const filters = ['resources.site', 'drivers.builder.resources.site'];
    expect(consumesStep(filters, 'builder', 'site')).toBe(true);
    expect(consumesStep(filters, 'bulder', 'site')).toBe(false);
    expect(consumesStep(filters, 'builder', 'app')).toBe(false);
  });
});
