import type { NatsConnection } from 'nats';
import { jsErrorCode } from './api-errors';

/** A message as JetStream stored it. */
export interface StoredMessage {
  seq: number;
  subject: string;
  data: Uint8Array;
  /** The `Nats-Msg-Id` header it was published with, if any. */
  msgId?: string;
}

/**
 * Reads what a stream holds, message by message, without creating a consumer: safe on the
 * engine's work-queue streams, where a consumer would steal work (protocol §2.2).
 */
export async function readStoredMessages(
  connection: NatsConnection,
  stream: string,
): Promise<StoredMessage[]> {
  const jsm = await connection.jetstreamManager();
  const { state } = await jsm.streams.info(stream);
  const found: StoredMessage[] = [];
  for (let seq = state.first_seq; seq <= state.last_seq && state.messages > 0; seq++) {
    try {
      const m = await jsm.streams.getMessage(stream, { seq });
      found.push({ seq, subject: m.subject, data: m.data, msgId: m.header?.get('Nats-Msg-Id') || undefined });
    } catch (error) {
      if (jsErrorCode(error) === undefined) throw error; // deleted or acked away: skip
    }
  }
  return found;
}
