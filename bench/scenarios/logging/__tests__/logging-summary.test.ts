import { summarizeLogging, type Delivery, type ReconcileSamples } from '../logging-summary';

const run = (eventsPerSec: number, linesPerSec: number) => ({
  eventsPerSec,
  linesDelivered: 1000,
  linesPerSec,
});
/** Three rounds; the server ceiling is 250,000, 200,000 and 240,000 lines/s. */
const delivery = (pipeline: number[]): Delivery => ({
  upstream: [10_000, 10_000, 10_000],
  pipeline,
  ceiling: [250_000, 200_000, 240_000],
});
const reconciles = (noopLinesPerSec: number[], ioLoggedRate: number): ReconcileSamples[] => [
  {
    label: 'no-op reconcile',
    events: 2000,
    ioMs: 0,
    none: [3000, 3000, 3000],
    logged: noopLinesPerSec.map((lines) => run(lines / 100, lines)),
  },
  {
    label: 'reconcile with 2 ms of I/O',
    events: 300,
    ioMs: 2,
    none: [400, 400, 400],
    logged: [1, 2, 3].map(() => run(ioLoggedRate, 30_000)),
  },
];
const targets = (d: Delivery, r: ReconcileSamples[]) =>
  summarizeLogging('Logging', 'workload', 50, d, r).targets.map((t) => [t.target, t.measured, t.met]);

describe('summarizeLogging targets', () => {
  it("judges the pipeline and the no-op reconcile on the ceiling's lines/s, and the I/O reconcile on its loss", () => {
    // Per round: pipeline 87.2%, 85%, 85.8% of the ceiling; the no-op reconcile 60.8%, 60%, 60.8%.
    expect(
      targets(delivery([218_000, 170_000, 206_000]), reconciles([152_000, 120_000, 146_000], 370)),
    ).toEqual([
      ['lines/s >= 20x the upstream approach', '20.6x', true],
      [
        'framework log pipeline lines/s >= 85% of the server ceiling',
        '85.8% per-round median (206,000 vs 240,000 lines/s)',
        true,
      ],
      [
        'a no-op reconcile logging 100 lines delivers >= 60% of the server ceiling in lines/s',
        '60.8% per-round median (146,000 lines/s)',
        true,
      ],
      ['<= 10% throughput loss logging 100 lines (reconcile with 2 ms of I/O)', '7.5%', true],
    ]);
  });

  it('misses each just below its bound', () => {
    const judged = targets(
      delivery([150_000, 120_000, 140_000]),
      reconciles([150_000, 115_000, 140_000], 355),
    );
    expect(judged.map(([target, , met]) => [target, met])).toEqual([
      ['lines/s >= 20x the upstream approach', false],
      ['framework log pipeline lines/s >= 85% of the server ceiling', false],
      ['a no-op reconcile logging 100 lines delivers >= 60% of the server ceiling in lines/s', false],
      ['<= 10% throughput loss logging 100 lines (reconcile with 2 ms of I/O)', false],
    ]);
  });

  it('no longer judges the no-op reconcile on its throughput loss', () => {
    const result = summarizeLogging(
      'Logging',
      'workload',
      50,
      delivery([218_000, 170_000, 206_000]),
      reconciles([152_000, 120_000, 146_000], 370),
    );
    expect(result.targets.map((t) => t.target)).not.toContain(
      '<= 10% throughput loss logging 100 lines (no-op reconcile)',
    );
    // The loss is still shown, as information.
    expect(result.table.rows).toContainEqual([
      '**no-op reconcile: throughput loss with 100 lines**',
      '**51.3%**',
    ]);
  });

  it("shows the hand-written loop's lines/s as a peer, not a target", () => {
    const [noop, io] = reconciles([152_000, 120_000, 146_000], 370);
    const withPeer = [
      { ...noop, handWritten: [100_000, 80_000, 100_000].map((lines) => run(lines / 100, lines)) },
      io,
    ];
    const result = summarizeLogging(
      'Logging',
      'workload',
      50,
      delivery([218_000, 170_000, 206_000]),
      withPeer,
    );
    // Per round the framework has 1.52x, 1.5x and 1.46x the hand-written loop's lines/s.
    expect(result.table.rows).toContainEqual([
      '**no-op reconcile: framework / hand-written loop, lines/s** (per-round median)',
      '**1.50x**',
    ]);
    // 100,000 of 240,000, 80,000 of 200,000 and 100,000 of 250,000 lines/s: 41.7%, 40%, 40%.
    expect(result.table.rows).toContainEqual([
      'no-op reconcile, hand-written nats.js loop logging the same lines: lines delivered (share), of the ceiling',
      '100,000 lines/s (0.5%), 40.0%',
    ]);
    expect(result.targets).toHaveLength(4);
    expect(result.charts[0]!.bars).toContainEqual({
      label: 'hand-written loop (no-op reconcile)',
      value: 100_000,
      peer: true,
    });
  });
});
