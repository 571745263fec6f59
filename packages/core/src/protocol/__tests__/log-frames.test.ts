import { isLogFrameFormat, toLegacyLogFrame } from '../log-frames';

describe('legacy log frames', () => {
  it('carry Unix seconds: ISO timestamps are converted, a Go runtime’s seconds kept, anything else passed on', () => {
    expect(toLegacyLogFrame({ timestamp: '2026-01-01T00:00:01.999999Z', message: 'm' })).toEqual([
      '1767225601',
      'm',
    ]);
    expect(toLegacyLogFrame({ timestamp: '1767225600', message: 'm' })).toEqual(['1767225600', 'm']);
    expect(toLegacyLogFrame({ timestamp: 'yesterday', message: 'm' })).toEqual(['yesterday', 'm']);
  });

  it('are one of two formats', () => {
    expect(['log', 'legacy', 'yaml', ''].map(isLogFrameFormat)).toEqual([true, true, false, false]);
  });
});
