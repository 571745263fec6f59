/** Node's TLS codes for a server certificate that cannot be verified. */
const UNVERIFIED_SERVER = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_HAS_EXPIRED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);
const SET_IDENTITY = 'set CONVEYOR_TLS_CERT, CONVEYOR_TLS_KEY and CONVEYOR_TLS_CA (or the tls option)';

/**
 * Why a first connection to NATS failed, in terms of what to change. TLS failures are the likely
 * ones against a Conveyor server with auth on (protocol §6.2), and nats.js reports them obscurely.
 */
export function explainConnectError(error: unknown, servers: readonly string[], withTls: boolean): Error {
  const { code, message } = error as { code?: string; message?: string };
  const where = `Cannot connect to NATS at ${servers.join(', ')}`;
  let why = message ?? String(error);
  if (code && UNVERIFIED_SERVER.has(code)) {
    why = withTls
      ? `the server's certificate does not verify against the configured CA (${code}): is it the CA that signed the server's certificate?`
      : `the server requires TLS, and its certificate is not one this machine trusts (${code}); a Conveyor server with auth on uses its own CA and wants a client certificate: ${SET_IDENTITY}`;
  } else if (code === 'TIMEOUT' && withTls) {
    why =
      'no handshake before the connect timeout; a server that refuses the client certificate looks like this ' +
      "(is it signed by the server's CA, with the clientAuth usage or no extended key usage at all?)";
  } else if (/tls required/i.test(why)) {
    why = `the server requires TLS with a client certificate (a Conveyor server with auth on): ${SET_IDENTITY}`;
  }
  return new Error(`${where}: ${why}`, { cause: error });
}
