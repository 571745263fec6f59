import { ConveyorClient, DriverManager } from '@conveyor-ts/core';
import { createTestCertificates, type TestCertificates } from '@conveyor-ts/core/testing';
import { ControlPlane } from '@conveyor-ts/control-plane';
import { RecordingLogger } from './support/control-plane-fixture';
import { waitFor } from './support/wait-for';

jest.setTimeout(60_000);

/**
 * A whole system with auth on (protocol §6), as `api.auth_enabled: true` runs it: NATS mutual TLS
 * and a certificate-bound JWT on every API call, one identity for both.
 */
describe('the control plane with auth on, end to end', () => {
  let certs: TestCertificates;
  let plane: ControlPlane;
  let manager: DriverManager | undefined;
  beforeAll(async () => {
    certs = createTestCertificates();
    plane = await ControlPlane.start({ port: 0, natsPort: 0, auth: certs, logger: new RecordingLogger() });
  });
  afterAll(async () => {
    await manager?.stop();
    await plane?.stop();
    certs.remove();
  });

  it('runs a driver whose NATS connection, results, logs and API calls all carry the identity', async () => {
    const tls = { certFile: certs.certFile, keyFile: certs.keyFile, caFile: certs.caFile };
    const client = new ConveyorClient({ apiUrl: plane.apiUrl, env: {}, certificate: tls });
    await client.createResourceDefinition({ name: 'site', schema: { type: 'object' } });
    manager = new DriverManager({ config: { natsUrl: plane.natsUrl, tls }, handleSignals: false });
    manager.register({
      name: 'publisher',
      resources: ['site'],
      reconcile: ({ resource, logger }) => {
        logger.info(`publishing ${resource.name}`);
        return { success: true, message: 'published', data: null };
      },
    });
    await manager.start();

    const { runid } = await client.createResource({ name: 'blog', resource: 'site', spec: {} });
    const run = await waitFor('the driver answer on the run', async () => {
      const r = await client.getRun(runid);
      return r.steps.some((s) => s.driver === 'publisher') ? r : undefined;
    });
    expect(run.steps.find((s) => s.driver === 'publisher')).toMatchObject({ message: 'published' });
    const logs = await waitFor('the stored log line', async () => {
      const l = await client.queryLogs({ runid });
      return l.length > 0 ? l : undefined;
    });
    expect(logs.map((l) => l.message)).toEqual(['publishing blog']);
    await expect(new ConveyorClient({ apiUrl: plane.apiUrl, env: {} }).getRun(runid)).rejects.toMatchObject({
      status: 401,
    });
  });
});
