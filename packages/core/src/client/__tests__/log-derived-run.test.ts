import { runsFromLogs } from '../log-derived-run';

const entry = (runid: string, driver: string, timestamp: string, pipeline = '') => ({
  runid,
  driver,
  pipeline,
  timestamp,
  message: `${driver} at ${timestamp}`,
});

describe('runsFromLogs', () => {
  it('groups entries by run, drivers in the order they first logged, most recently active run first', () => {
    const runs = runsFromLogs([
      entry('a', 'pusher', '2026-01-01T00:00:03Z', 'build'),
      entry('b', 'cloner', '2026-01-01T00:00:02Z'),
      entry('a', 'cloner', '2026-01-01T00:00:01Z', 'build'),
      entry('a', 'cloner', '2026-01-01T00:00:04Z', 'build'),
      entry('', 'stray', '2026-01-01T00:00:09Z'),
    ]);
    expect(runs).toEqual([
      {
        runid: 'a',
        pipeline: 'build',
        drivers: ['cloner', 'pusher'],
        firstLogAt: '2026-01-01T00:00:01Z',
        lastLogAt: '2026-01-01T00:00:04Z',
        entries: 3,
      },
      {
        runid: 'b',
        drivers: ['cloner'],
        firstLogAt: '2026-01-01T00:00:02Z',
        lastLogAt: '2026-01-01T00:00:02Z',
        entries: 1,
      },
    ]);
  });

  it('knows no run when there are no entries', () => {
    expect(runsFromLogs([])).toEqual([]);
  });
});
