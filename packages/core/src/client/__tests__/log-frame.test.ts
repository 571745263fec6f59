import { parseLogFrame, parseLogObject } from '../log-frame';

describe('log stream frames', () => {
  const route = { runid: 'r1', driver: 'd1' };

  it('reads a Log object and keeps extra keys', () => {
    const entry = { runid: 'r1', driver: 'd1', pipeline: '', timestamp: 't', message: 'm', x: 1 };
    expect(parseLogFrame(JSON.stringify(entry), route)).toEqual(entry);
  });

  it('reads a legacy [unix-seconds, message] frame of a v0.2–v0.4 server, run and driver from the route', () => {
    expect(parseLogFrame('["1767225600","cloning"]', route)).toEqual({
      runid: 'r1',
      driver: 'd1',
      pipeline: '',
      timestamp: '1767225600',
      message: 'cloning',
    });
    expect(parseLogFrame('["1767225600","m"]', { runid: 'r1' })).toMatchObject({ driver: '' });
  });

  it('skips anything else rather than failing the stream', () => {
    for (const frame of ['not json', '42', 'null', '["only one"]', '[1, "m"]', '["a","b","c"]']) {
      expect(parseLogFrame(frame, route)).toBeUndefined();
    }
    expect(parseLogObject('["1767225600","m"]')).toBeUndefined(); // SSE never carried arrays
  });
});
