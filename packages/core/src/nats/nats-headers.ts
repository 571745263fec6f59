import { headers as natsHeaders, type MsgHdrs } from 'nats';

/** One run's entries share one headers record: encode it into a client object once, not per message. */
const cache = new WeakMap<Readonly<Record<string, string>>, MsgHdrs>();

/** NATS headers for a record of header values. */
export function toNatsHeaders(values: Readonly<Record<string, string>>): MsgHdrs {
  let h = cache.get(values);
  if (!h) {
    h = natsHeaders();
    for (const [key, value] of Object.entries(values)) h.set(key, value);
    cache.set(values, h);
  }
  return h;
}
