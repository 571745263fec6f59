import { LOG_BACKLOG_PAUSE_SHARE, LOG_BACKLOG_RECHECK_MS } from '../../constants';
import { CatchUpWait } from '../queue/catch-up-wait';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('CatchUpWait', () => {
  it('gives no promise while the queues are below the share, and looks only after a queue told it', () => {
    let fullest = LOG_BACKLOG_PAUSE_SHARE;
    let looked = 0;
    const catchUp = new CatchUpWait(() => (looked++, fullest));
    expect(catchUp.wait()).toBeUndefined(); // no queue reached the share: not even a look
    expect(looked).toBe(0);
    fullest = LOG_BACKLOG_PAUSE_SHARE - 0.01;
    catchUp.shareReached();
    expect(catchUp.wait()).toBeUndefined(); // below it again by the time a reconcile would start
    expect(catchUp.wait()).toBeUndefined();
    expect(looked).toBe(1);
  });

  it('holds every caller on one wait until the fullest queue is below the share again', async () => {
    let fullest = LOG_BACKLOG_PAUSE_SHARE;
    const catchUp = new CatchUpWait(() => fullest);
    catchUp.shareReached();
    const first = catchUp.wait();
    expect(first).toBeInstanceOf(Promise);
    expect(catchUp.wait()).toBe(first);
    let resumed = false;
    void first!.then(() => (resumed = true));
    await sleep(LOG_BACKLOG_RECHECK_MS * 4);
    expect(resumed).toBe(false); // still backed up after several checks
    fullest = 0.1;
    await sleep(LOG_BACKLOG_RECHECK_MS * 4);
    expect(resumed).toBe(true);
    expect(catchUp.wait()).toBeUndefined();
  });
});
