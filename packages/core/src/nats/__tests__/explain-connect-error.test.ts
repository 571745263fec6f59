import { explainConnectError } from '../explain-connect-error';

const servers = ['nats://conveyor:4222'];
const failure = (code: string, message: string) => Object.assign(new Error(message), { code });

describe('explainConnectError', () => {
  it('tells a client without an identity how to set one when the server certificate is not trusted', () => {
    const error = explainConnectError(
      failure('UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'unable to verify'),
      servers,
      false,
    );
    expect(error.message).toBe(
      'Cannot connect to NATS at nats://conveyor:4222: the server requires TLS, and its certificate is not one this machine trusts ' +
        '(UNABLE_TO_VERIFY_LEAF_SIGNATURE); a Conveyor server with auth on uses its own CA and wants a client certificate: ' +
        'set CONVEYOR_TLS_CERT, CONVEYOR_TLS_KEY and CONVEYOR_TLS_CA (or the tls option)',
    );
    expect(error.cause).toBeInstanceOf(Error);
  });

  it('points at the CA when one is configured and the server certificate still does not verify', () => {
    const error = explainConnectError(failure('SELF_SIGNED_CERT_IN_CHAIN', 'x'), servers, true);
    expect(error.message).toMatch(/does not verify against the configured CA \(SELF_SIGNED_CERT_IN_CHAIN\)/);
  });

  it('reads a handshake timeout with TLS on as a refused client certificate', () => {
    expect(explainConnectError(failure('TIMEOUT', 'TIMEOUT'), servers, true).message).toMatch(
      /refuses the client certificate/,
    );
    expect(explainConnectError(failure('TIMEOUT', 'TIMEOUT'), servers, false).message).toBe(
      'Cannot connect to NATS at nats://conveyor:4222: TIMEOUT',
    );
  });

  it('keeps any other reason, prefixed with the servers', () => {
    expect(
      explainConnectError(failure('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:4222'), servers, false)
        .message,
    ).toBe('Cannot connect to NATS at nats://conveyor:4222: connect ECONNREFUSED 127.0.0.1:4222');
  });
});
