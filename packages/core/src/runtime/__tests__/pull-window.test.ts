import { PULL_MAX_WAITING_PER_SLOT, PULL_WAITING_WORK_MS } from '../../constants';
import { PullWindow } from '../pull-window';

describe('PullWindow', () => {
  it('asks for one running and one waiting message per slot before anything was measured', () => {
    expect(new PullWindow(4).size).toBe(8);
  });

  it('keeps about PULL_WAITING_WORK_MS of work waiting per slot', () => {
    const window = new PullWindow(2);
    window.observe(PULL_WAITING_WORK_MS / 3);
    expect(window.size).toBe(2 * (1 + 3));
  });

  it('gives a reconcile of seconds one waiting message, and one of microseconds the most', () => {
    const slow = new PullWindow(1);
    slow.observe(90_000);
    expect(slow.size).toBe(2);
    const fast = new PullWindow(3);
    fast.observe(0.01);
    expect(fast.size).toBe(3 * (1 + PULL_MAX_WAITING_PER_SLOT));
    const none = new PullWindow(1);
    none.observe(0); // settled without a reconcile (skipped, malformed)
    expect(none.size).toBe(1 + PULL_MAX_WAITING_PER_SLOT);
  });

  it('shrinks at once after a slow reconcile, and grows back only over many fast ones', () => {
    const window = new PullWindow(1);
    for (let i = 0; i < 50; i++) window.observe(0.1);
    expect(window.size).toBe(1 + PULL_MAX_WAITING_PER_SLOT);
    window.observe(60_000); // one slow reconcile among fast ones
    expect(window.size).toBe(2);
    const recovering = new PullWindow(1);
    for (let i = 0; i < 50; i++) recovering.observe(60_000);
    for (let i = 0; i < 5; i++) recovering.observe(0.1);
    expect(recovering.size).toBe(2);
    for (let i = 0; i < 200; i++) recovering.observe(0.1);
    expect(recovering.size).toBe(1 + PULL_MAX_WAITING_PER_SLOT);
  });
});
