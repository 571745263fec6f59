import { generateKeyPairSync } from 'node:crypto';
import { ConfigError, resolveConfig } from '../..';

describe('resolveConfig', () => {
  it('defaults to the local Conveyor ports', () => {
    expect(resolveConfig({}, {})).toEqual({
      apiUrl: 'http://localhost:8080',
      natsServers: ['nats://localhost:4222'],
    });
  });

  it('prefers explicit options over the environment', () => {
    const env = { CONVEYOR_API_URL: 'http://env:1', NATS_URL: 'nats://env:2', LOKI_URL: 'http://env:3' };
    expect(
      resolveConfig({ apiUrl: 'http://opt:1', natsUrl: 'nats://opt:2', lokiUrl: 'http://opt:3' }, env),
    ).toEqual({ apiUrl: 'http://opt:1', natsServers: ['nats://opt:2'], lokiUrl: 'http://opt:3' });
  });

  it('reads CONVEYOR_API_URL before CONVEYOR_SERVER_HOST/PORT', () => {
    const env = { CONVEYOR_API_URL: 'https://api.example:9443/', CONVEYOR_SERVER_HOST: 'other' };
    expect(resolveConfig({}, env).apiUrl).toBe('https://api.example:9443');
  });

  it('builds the API URL from CONVEYOR_SERVER_HOST and CONVEYOR_SERVER_PORT (v0.1.14 style)', () => {
    expect(resolveConfig({}, { CONVEYOR_SERVER_HOST: 'ci.local', CONVEYOR_SERVER_PORT: '9000' }).apiUrl).toBe(
      'http://ci.local:9000',
    );
    expect(resolveConfig({}, { CONVEYOR_SERVER_HOST: 'ci.local' }).apiUrl).toBe('http://ci.local:8080');
    expect(resolveConfig({}, { CONVEYOR_SERVER_PORT: '9000' }).apiUrl).toBe('http://localhost:9000');
  });

  it('accepts a full URL in CONVEYOR_SERVER_HOST (v0.1.20 to v0.2.x style)', () => {
    expect(resolveConfig({}, { CONVEYOR_SERVER_HOST: 'http://ci.local:8081' }).apiUrl).toBe(
      'http://ci.local:8081',
    );
  });

  it('prefers CONVEYOR_NATS_URL over NATS_URL and splits comma-separated clusters', () => {
    const env = { CONVEYOR_NATS_URL: 'nats://a:4222, tls://b:4222', NATS_URL: 'nats://ignored:1' };
    expect(resolveConfig({}, env).natsServers).toEqual(['nats://a:4222', 'tls://b:4222']);
    expect(resolveConfig({}, { NATS_URL: 'nats://n:1' }).natsServers).toEqual(['nats://n:1']);
    expect(resolveConfig({ natsUrl: ['nats://x:1', 'nats://y:2'] }, {}).natsServers).toHaveLength(2);
  });

  it('turns the Loki sink on only when LOKI_URL is set', () => {
    expect(resolveConfig({}, { LOKI_URL: 'http://loki:3100' }).lokiUrl).toBe('http://loki:3100');
    expect(resolveConfig({}, { LOKI_URL: '  ' })).not.toHaveProperty('lokiUrl');
  });

  it.each([
    [{ CONVEYOR_API_URL: 'not a url' }, 'CONVEYOR_API_URL', /not a URL/],
    [{ CONVEYOR_API_URL: 'ftp://x' }, 'CONVEYOR_API_URL', /scheme must be one of http, https/],
    [{ CONVEYOR_SERVER_PORT: 'eighty' }, 'CONVEYOR_SERVER_PORT', /not a TCP port/],
    [{ CONVEYOR_SERVER_PORT: '70000' }, 'CONVEYOR_SERVER_PORT', /not a TCP port/],
    [{ CONVEYOR_NATS_URL: 'http://x:4222' }, 'CONVEYOR_NATS_URL', /scheme must be one of nats, tls/],
    [{ NATS_URL: 'nats://ok:1,bad url' }, 'NATS_URL', /not a URL/],
    [{ LOKI_URL: 'loki' }, 'LOKI_URL', /not a URL/],
  ])('rejects %j naming %s', (env, source, problem) => {
    let error: unknown;
    try {
      resolveConfig({}, env);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).source).toBe(source);
    expect((error as ConfigError).message).toContain(source);
    expect((error as ConfigError).message).toMatch(problem);
  });

  it('names the option when an explicit value is invalid', () => {
    expect(() => resolveConfig({ natsUrl: [] }, {})).toThrow(/option natsUrl.*lists no NATS server URL/);
    expect(() => resolveConfig({ apiUrl: 'x' }, {})).toThrow(/option apiUrl/);
  });

  it('reads the auth identity from CONVEYOR_TLS_CERT, _KEY and _CA, or from the tls option first', () => {
    const env = {
      CONVEYOR_TLS_CERT: '/etc/c/client.crt',
      CONVEYOR_TLS_KEY: '/etc/c/client.key',
      CONVEYOR_TLS_CA: '/etc/c/ca.pem',
    };
    expect(resolveConfig({}, env).tls).toEqual({
      certFile: '/etc/c/client.crt',
      keyFile: '/etc/c/client.key',
      caFile: '/etc/c/ca.pem',
    });
    const tls = { certFile: 'a.crt', keyFile: 'a.key', caFile: 'ca.pem' };
    expect(resolveConfig({ tls }, env).tls).toEqual(tls);
    expect(resolveConfig({}, {}).tls).toBeUndefined();
  });

  it('refuses half an identity, naming what is missing', () => {
    expect(() => resolveConfig({}, { CONVEYOR_TLS_CERT: 'c.crt', CONVEYOR_TLS_KEY: 'c.key' })).toThrow(
      'Invalid configuration CONVEYOR_TLS_CA="": is not set while CONVEYOR_TLS_CERT and CONVEYOR_TLS_KEY are',
    );
    expect(() => resolveConfig({ tls: { certFile: 'c.crt', keyFile: ' ', caFile: 'ca.pem' } }, {})).toThrow(
      'option tls.keyFile',
    );
  });

  it('refuses a PEM pasted where a file path belongs, without echoing any of it', () => {
    const pem = generateKeyPairSync('ec', { namedCurve: 'P-256' })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    const body = pem.split('\n')[1];
    const env = { CONVEYOR_TLS_CERT: 'c.crt', CONVEYOR_TLS_KEY: pem, CONVEYOR_TLS_CA: 'ca.pem' };
    const optionTls = { certFile: 'c.crt', keyFile: pem, caFile: 'ca.pem' };
    for (const [resolve, source] of [
      [() => resolveConfig({}, env), 'CONVEYOR_TLS_KEY'],
      [() => resolveConfig({ tls: optionTls }, {}), 'option tls.keyFile'],
    ] as const) {
      const error = captureError(resolve);
      expect(error.message).toMatch(
        new RegExp(
          `^Invalid configuration ${source}="\\[PEM text, \\d+ characters, not shown\\]": holds PEM text, not a file path: write it to a file and set the path instead$`,
        ),
      );
      expect(JSON.stringify({ ...error, message: error.message, stack: error.stack })).not.toContain(body);
    }
  });

  it('reads CONVEYOR_MONITORING_PORT, refusing what is not a port', () => {
    expect(resolveConfig({}, { CONVEYOR_MONITORING_PORT: '9464' }).monitoringPort).toBe(9464);
    expect(resolveConfig({}, {}).monitoringPort).toBeUndefined();
    expect(() => resolveConfig({}, { CONVEYOR_MONITORING_PORT: 'metrics' })).toThrow(
      'Invalid configuration CONVEYOR_MONITORING_PORT="metrics": not a TCP port',
    );
  });
});

function captureError(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}
