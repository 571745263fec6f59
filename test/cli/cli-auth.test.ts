import type { ChildProcess } from 'node:child_process';
import { createTestCertificates, type TestCertificates } from '@conveyor-ts/core/testing';
import { runCli, startCli, stopStartedClis, waitForOutput } from './support/run-cli';

jest.setTimeout(120_000);

describe('conveyor dev --auth', () => {
  let certs: TestCertificates;
  let dev: ChildProcess | undefined;
  let identity: Record<string, string>;
  beforeAll(() => {
    certs = createTestCertificates();
    identity = {
      CONVEYOR_TLS_CERT: certs.certFile,
      CONVEYOR_TLS_KEY: certs.keyFile,
      CONVEYOR_TLS_CA: certs.caFile,
    };
  });
  afterAll(async () => {
    await stopStartedClis();
    certs.remove();
  });

  it('refuses to start without the identity, naming the variables', async () => {
    const result = await runCli(['dev', '--auth', '--port', '0', '--nats-port', '0']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--auth needs CONVEYOR_TLS_CERT, CONVEYOR_TLS_KEY and CONVEYOR_TLS_CA');
  });

  it('serves commands that carry the identity and refuses those that do not', async () => {
    dev = startCli(['dev', '--auth', '--port', '0', '--nats-port', '0'], identity);
    const banner = await waitForOutput(dev, /Press Ctrl-C to stop/);
    expect(banner).toMatch(/Auth: +on/);
    const apiUrl = /API: +(\S+)/.exec(banner)![1];
    const signed = await runCli(['runs'], { env: { CONVEYOR_API_URL: apiUrl, ...identity } });
    expect([signed.code, signed.stderr]).toEqual([0, 'no runs\n']);
    const anonymous = await runCli(['runs'], { env: { CONVEYOR_API_URL: apiUrl } });
    expect(anonymous.code).not.toBe(0);
    expect(anonymous.stderr).toContain('missing Authorization header');
  });
});
