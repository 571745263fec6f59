import { PrometheusText } from '../prometheus-text';

describe('PrometheusText', () => {
  it('writes counters and gauges with HELP, TYPE and escaped label values', () => {
    const text = new PrometheusText()
      .counter('jobs_total', 'Jobs done.', [[{ driver: 'a"b\\c\nd' }, 3]])
      .gauge('up', 'Up.', [[{}, 1]])
      .toString();
    expect(text).toBe(
      [
        '# HELP jobs_total Jobs done.',
        '# TYPE jobs_total counter',
        'jobs_total{driver="a\\"b\\\\c\\nd"} 3',
        '# HELP up Up.',
        '# TYPE up gauge',
        'up 1',
        '',
      ].join('\n'),
    );
  });

  it('writes histograms with cumulative buckets, +Inf, sum and count', () => {
    const text = new PrometheusText()
      .histogram('d_seconds', 'D.', [0.1, 1], [[{ driver: 'x' }, { counts: [2, 0, 1], sum: 3.5 }]])
      .toString();
    expect(text.split('\n')).toEqual([
      '# HELP d_seconds D.',
      '# TYPE d_seconds histogram',
      'd_seconds_bucket{driver="x",le="0.1"} 2',
      'd_seconds_bucket{driver="x",le="1"} 2',
      'd_seconds_bucket{driver="x",le="+Inf"} 3',
      'd_seconds_sum{driver="x"} 3.5',
      'd_seconds_count{driver="x"} 3',
      '',
    ]);
  });
});
