import type { Msg } from 'nats';

/** What JetStream answered to one publish: stored (possibly as a duplicate), or why not. */
export type PubAckReading =
  { stored: true; stream: string; seq: number; duplicate: boolean } | { stored: false; error: string };

/** A stored PubAck starts `{"stream"`; anything else (`{"error"...`) is decoded and reported. */
const STORED_ACK_PREFIX = Buffer.from('{"stream"');
const decoder = new TextDecoder();

/** True for a PubAck of a stored message, without parsing it (the hot path of batched logs). */
export function isStoredPubAck(data: Uint8Array): boolean {
  if (data.length < STORED_ACK_PREFIX.length) return false;
  for (let i = 0; i < STORED_ACK_PREFIX.length; i++) if (data[i] !== STORED_ACK_PREFIX[i]) return false;
  return true;
}

/** Why a PubAck says the message was not stored; undefined for a stored one. */
export function pubAckProblem(msg: Msg): string | undefined {
  if (msg.data.length === 0) {
    // No stream listens on the subject: the server answers with a 503 status and no body.
    return msg.headers?.code === 503 ? 'no stream for the subject (503)' : 'empty PubAck';
  }
  if (isStoredPubAck(msg.data)) return undefined;
  const text = decoder.decode(msg.data);
  try {
    const { error } = JSON.parse(text) as { error?: { code?: number; description?: string } };
    if (error?.description) return `JetStream refused it: ${error.description} (${error.code ?? '?'})`;
  } catch {
    // Not JSON: reported as received.
  }
  return `unexpected PubAck: ${text.slice(0, 200)}`;
}

/** Reads a PubAck: where the message was stored, or why it was not. */
export function readPubAck(msg: Msg): PubAckReading {
  const problem = pubAckProblem(msg);
  if (problem !== undefined) return { stored: false, error: problem };
  const ack = JSON.parse(decoder.decode(msg.data)) as { stream: string; seq: number; duplicate?: boolean };
  return { stored: true, stream: ack.stream, seq: ack.seq, duplicate: ack.duplicate === true };
}
