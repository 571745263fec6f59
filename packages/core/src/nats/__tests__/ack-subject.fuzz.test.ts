import fc from 'fast-check';
import { parseInfo } from 'nats/lib/jetstream/jsmsg';
import { readAckSubject } from '../ack-subject';

const token = fc.stringMatching(/^[A-Za-z0-9_-]{1,20}$/);
const count = fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER });

describe('readAckSubject', () => {
  it('reads what nats.js reads, from ack subjects with and without a domain and account hash', () => {
    const short = fc
      .tuple(token, token, count, count, count, count, count)
      .map(([stream, consumer, ...numbers]) => `$JS.ACK.${stream}.${consumer}.${numbers.join('.')}`);
    const long = fc
      .tuple(
        fc.constantFrom('_', 'hub'),
        token,
        token,
        token,
        fc.array(count, { minLength: 5, maxLength: 5 }),
        fc.option(token),
      )
      .map(([domain, hash, stream, consumer, numbers, extra]) =>
        [`$JS.ACK.${domain}.${hash}.${stream}.${consumer}`, ...numbers, ...(extra ? [extra] : [])].join('.'),
      );
    fc.assert(
      fc.property(fc.oneof(short, long), (reply) => {
        const info = parseInfo(reply);
        expect(readAckSubject(reply)).toEqual({
          deliveryCount: info.deliveryCount,
          streamSequence: info.streamSequence,
        });
      }),
    );
  });

  it('refuses what is not an ack subject, naming it', () => {
    fc.assert(
      fc.property(fc.string(), (reply) => {
        let nats: unknown;
        try {
          parseInfo(reply);
        } catch (error) {
          nats = error;
        }
        if (nats) expect(() => readAckSubject(reply)).toThrow(`not a JetStream ack subject: "${reply}"`);
      }),
    );
    expect(() => readAckSubject('_INBOX.abc.1')).toThrow('not a JetStream ack subject: "_INBOX.abc.1"');
  });
});
