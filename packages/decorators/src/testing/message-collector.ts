import type { MessageSubscription } from '@conveyor-ts/core';

interface Waiter<T> {
  matches: (items: T[]) => boolean;
  resolve: () => void;
}

/** Keeps what a subscription delivers and lets tests wait until the collected items satisfy a check. */
export class MessageCollector<T> {
  readonly items: T[] = [];
  private waiters: Waiter<T>[] = [];

  constructor(subscription: MessageSubscription, decode: (data: Uint8Array) => T) {
    void (async () => {
      for await (const message of subscription) {
        try {
          this.items.push(decode(message.data));
        } catch {
          continue; // not ours to judge: tests assert on what decodes
        }
        this.waiters = this.waiters.filter((w) => !(w.matches(this.items) && (w.resolve(), true)));
      }
    })();
  }

  /** Resolves with the matching items once `enough` holds for them; rejects after `timeoutMs`, saying what came. */
  async waitFor(
    filter: (item: T) => boolean,
    enough: (found: T[]) => boolean,
    timeoutMs: number,
    what: string,
  ): Promise<T[]> {
    const select = (): T[] => this.items.filter(filter);
    if (enough(select())) return select();
    await new Promise<void>((resolve, reject) => {
      const waiter: Waiter<T> = {
        matches: () => enough(select()),
        resolve: () => (clearTimeout(timer), resolve()),
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(
          new Error(
            `Timed out after ${timeoutMs} ms waiting for ${what}; received so far: ${JSON.stringify(select())}`,
          ),
        );
      }, timeoutMs);
      this.waiters.push(waiter);
    });
    return select();
  }
}
