import fc from 'fast-check';
import { parseDeliverySubject, type DeliveryRoute } from '../subjects';

/** The rule as first written: split on dots, then match the two shapes of protocol §2.3. */
function byTokens(subject: string): DeliveryRoute | undefined {
  const t = subject.split('.');
  if (t.some((token) => token === '')) return undefined; // NATS delivers no empty token
  if (t.length === 2 && t[0] === 'resources') return { kind: 'broadcast', resource: t[1] };
  if (t.length === 4 && t[0] === 'drivers' && t[2] === 'resources')
    return { kind: 'pipeline', driver: t[1], resource: t[3] };
  return undefined;
}

describe('parseDeliverySubject', () => {
  it('reads any subject as the token rule does', () => {
    const token = fc.oneof(
      fc.constantFrom('resources', 'drivers', 'events', 'git', ''),
      fc.string({ maxLength: 6 }),
    );
    const subject = fc.array(token, { minLength: 1, maxLength: 6 }).map((t) => t.join('.'));
    fc.assert(
      fc.property(subject, (s) => expect(parseDeliverySubject(s)).toEqual(byTokens(s))),
      { numRuns: 2000 },
    );
  });
});
