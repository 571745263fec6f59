import type { DeliveredMessage } from '../nats/delivered-message';
import type { DriverResult } from '../protocol/model/driver-result';
import type { MessageOutcome, Settlement } from './settlement-decision';

/**
 * Carries out a settlement: publish the result and await its PubAck, THEN ack or term; when the
 * result cannot be stored, asks the decision again (it naks). Returns what was actually done.
 */
export async function settleMessage(
  message: DeliveredMessage,
  settlement: Settlement,
  publish: (result: DriverResult) => Promise<void>,
  decide: (outcome: MessageOutcome) => Settlement,
): Promise<Settlement> {
  let final = settlement;
  if (final.action !== 'nak' && final.result) {
    try {
      await publish(final.result);
    } catch (error) {
      final = decide({ kind: 'unpublished', error: error as Error });
    }
  }
  try {
    if (final.action === 'ack') message.ack();
    else if (final.action === 'nak') message.nak(final.delayMs);
    else message.term(final.reason);
  } catch {
    // Connection gone: without our ack the server redelivers after the ack wait; results dedupe.
  }
  return final;
}
