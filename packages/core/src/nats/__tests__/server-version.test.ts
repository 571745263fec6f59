import { assertServerSupportsFilterSubjects, UnsupportedServerError } from '../server-version';

describe('assertServerSupportsFilterSubjects', () => {
  it.each(['2.10.0', '2.10.27', '2.11.4', 'v2.12.0-beta', '3.0.0'])('accepts nats-server %s', (version) => {
    expect(() => assertServerSupportsFilterSubjects(version)).not.toThrow();
  });

  it.each(['2.9.25', '2.2.0', '1.4.1'])(
    'refuses nats-server %s, saying why and what is needed',
    (version) => {
      expect(() => assertServerSupportsFilterSubjects(version)).toThrow(
        new UnsupportedServerError(
          `nats-server ${version} is too old: driver consumers filter on several subjects, which needs nats-server >= 2.10 (protocol §2.4)`,
        ),
      );
    },
  );

  it.each([undefined, '', 'unknown'])('refuses an unreadable version %j', (version) => {
    expect(() => assertServerSupportsFilterSubjects(version)).toThrow(UnsupportedServerError);
    expect(() => assertServerSupportsFilterSubjects(version)).toThrow(
      /cannot be read; driver consumers need nats-server >= 2.10/,
    );
  });
});
