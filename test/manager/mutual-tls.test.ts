import { DriverManager, type ReconcileContext } from '@conveyor-ts/core';
import { createTestCertificates, type TestCertificates } from '@conveyor-ts/core/testing';
import { ManagerHarness, uniqueName } from './support/manager-harness';

jest.setTimeout(60_000);

/** A Conveyor server with auth on requires NATS mutual TLS with a CA-signed client certificate (§6.2). */
describe('a NATS server that requires mutual TLS', () => {
  const h = new ManagerHarness();
  let certs: TestCertificates;
  beforeAll(async () => {
    certs = createTestCertificates();
    await h.setUp({ tls: certs });
  });
  afterEach(() => h.stopManagers());
  afterAll(async () => {
    await h.tearDown();
    certs.remove();
  });

  const tlsFiles = () => ({ certFile: certs.certFile, keyFile: certs.keyFile, caFile: certs.caFile });

  it('is reached with the configured identity, and the driver reconciles and answers as usual', async () => {
    const name = uniqueName('tls');
    const resource = uniqueName('res');
    const seen: ReconcileContext[] = [];
    await h.start([{ name, resources: [resource], reconcile: (ctx) => void seen.push(ctx) }], {
      config: { natsUrl: h.env.url, tls: tlsFiles() },
    });
    const sent = await h.publisher.publish({
      resource: { name: 'app', resource, pipeline: 'p' },
      driver: name,
    });
    const [result] = await h.waitForResultsOf([sent.runId]);
    expect(result.event.driverresult).toMatchObject({ success: true, driver: name });
    expect(seen).toHaveLength(1);
  });

  it('refuses a manager without a client certificate, and one whose certificate another CA signed', async () => {
    const register = (manager: DriverManager) => {
      manager.register({ name: uniqueName('tls'), resources: ['r'], reconcile: () => undefined });
      return manager;
    };
    const anonymous = register(
      new DriverManager({
        config: { natsUrl: h.env.url },
        handleSignals: false,
        logging: { level: 'error' },
      }),
    );
    await expect(anonymous.start()).rejects.toThrow(
      /the server requires TLS, .* set CONVEYOR_TLS_CERT, CONVEYOR_TLS_KEY and CONVEYOR_TLS_CA/,
    );
    const stranger = register(
      new DriverManager({
        config: {
          natsUrl: h.env.url,
          tls: { certFile: certs.strangerCertFile, keyFile: certs.strangerKeyFile, caFile: certs.caFile },
        },
        // The server drops the handshake; nats.js only notices at its connect timeout (20 s by default).
        connection: { extra: { timeout: 2000 } },
        handleSignals: false,
        logging: { level: 'error' },
      }),
    );
    await expect(stranger.start()).rejects.toThrow(/refuses the client certificate/);
  });
});
