import { parseBenchArgs } from '../cli-args';

const IDS = ['protocol', 'nestjs', 'io'];

describe('parseBenchArgs', () => {
  it('runs everything at full size by default', () => {
    expect(parseBenchArgs([], IDS)).toEqual({ quick: false });
  });

  it('reads --quick and --only in both spellings, several ids at once', () => {
    expect(parseBenchArgs(['--quick', '--only', 'protocol,io'], IDS)).toEqual({
      quick: true,
      only: ['protocol', 'io'],
    });
    expect(parseBenchArgs(['--only=nestjs', '--only', 'io'], IDS)).toEqual({
      quick: false,
      only: ['nestjs', 'io'],
    });
  });

  it('reads --no-docs, which leaves the published page alone', () => {
    expect(parseBenchArgs(['--quick', '--no-docs'], IDS)).toEqual({ quick: true, noDocs: true });
  });

  it('names an unknown scenario, a missing id and an unknown flag', () => {
    expect(() => parseBenchArgs(['--only', 'protcol'], IDS)).toThrow(
      'unknown scenario protcol; known: protocol, nestjs, io',
    );
    expect(() => parseBenchArgs(['--only'], IDS)).toThrow('--only needs a scenario id');
    expect(() => parseBenchArgs(['--fast'], IDS)).toThrow('unknown argument --fast');
  });
});
