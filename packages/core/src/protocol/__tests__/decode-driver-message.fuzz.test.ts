import fc from 'fast-check';
import { readDelivery } from '../../runtime/read-delivery';
import { driverMessageBytes } from '../../runtime/__tests__/support/message-arbitraries';
import { FakeDeliveredMessage } from '../../runtime/__tests__/support/fake-delivered-message';
import { decodeDriverMessage, isSubjectToken, MalformedMessageError } from '..';

// Bounded runs keep `npm test` fast; a failure prints its seed and shrunk counterexample to replay.
const RUNS = { numRuns: 300 };

describe('decodeDriverMessage (property-based)', () => {
  it('decodes or throws a MalformedMessageError naming a field, for any bytes, JSON or envelope', () => {
    fc.assert(
      fc.property(driverMessageBytes('build'), (bytes) => {
        let decoded: ReturnType<typeof decodeDriverMessage>;
        try {
          decoded = decodeDriverMessage(bytes);
        } catch (error) {
          expect(error).toBeInstanceOf(MalformedMessageError);
          expect((error as MalformedMessageError).field).toEqual(expect.any(String));
          expect((error as Error).message.length).toBeLessThan(200_000);
          return;
        }
        // What decodes honours every rule the runtime relies on afterwards.
        expect(isSubjectToken(decoded.id) && isSubjectToken(decoded.runId)).toBe(true);
        expect(typeof decoded.event).toBe('string');
        expect(typeof decoded.resource.name).toBe('string');
        expect(isSubjectToken(decoded.resource.resource)).toBe(true);
        const metadata = decoded.resource.metadata ?? {};
        expect(Object.values(metadata).every((v) => typeof v === 'string')).toBe(true);
      }),
      RUNS,
    );
  });

  it('never lets readDelivery throw, on any subject', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.constant('drivers.d.resources.build')),
        driverMessageBytes('build'),
        (subject, bytes) => {
          const delivery = readDelivery(new FakeDeliveredMessage(subject, bytes), 'd');
          expect(['decoded', 'malformed']).toContain(delivery.kind);
          // A malformed message's failure result must stay encodable.
          if (delivery.kind === 'malformed') expect(() => JSON.stringify(delivery.resource)).not.toThrow();
        },
      ),
      RUNS,
    );
  });
});
