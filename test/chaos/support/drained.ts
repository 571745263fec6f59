import type { ManagerHarness } from '../../manager/support/manager-harness';
import { eventually } from '../../manager/support/manager-harness';

/** Waits until the driver's consumer has nothing left to deliver and nothing unacknowledged. */
export async function waitUntilDrained(h: ManagerHarness, driver: string, timeoutMs = 60_000) {
  let last = { num_pending: -1, num_ack_pending: -1 };
  await eventually(
    `consumer "${driver}" drained`,
    async () => {
      // Right after a server restart a request may time out: ask again rather than fail.
      last = await h.consumerInfo(driver).catch(() => last);
      return last.num_pending === 0 && last.num_ack_pending === 0;
    },
    timeoutMs,
  ).catch((error: Error) => {
    throw new Error(
      `${error.message}: num_pending ${last.num_pending}, num_ack_pending ${last.num_ack_pending}`,
    );
  });
  return last;
}
