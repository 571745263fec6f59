import { certificateJwtAuthorizer, ConveyorClient } from '@conveyor-ts/core';
import { createTestCertificates, type TestCertificates } from '@conveyor-ts/core/testing';
import { ControlPlane } from '@conveyor-ts/control-plane';
import { RecordingLogger } from './support/control-plane-fixture';
import { RecordingSocket } from './support/log-stream-helpers';
import { waitFor } from './support/wait-for';

jest.setTimeout(60_000);

/** With auth on, a log WebSocket needs the same certificate-bound token as every other route (§6.1). */
describe('log WebSockets with auth on', () => {
  let certs: TestCertificates;
  let plane: ControlPlane;
  beforeAll(async () => {
    certs = createTestCertificates();
    plane = await ControlPlane.start({ port: 0, natsPort: 0, auth: certs, logger: new RecordingLogger() });
  });
  afterAll(async () => {
    await plane?.stop();
    certs.remove();
  });

  it('refuses an upgrade without a token with the 401 of every route, and streams with one', async () => {
    const tls = { certFile: certs.certFile, keyFile: certs.keyFile, caFile: certs.caFile };
    const entry = { runid: 'run-auth', driver: 'd1', pipeline: '', timestamp: 't', message: 'stored' };
    const client = new ConveyorClient({ apiUrl: plane.apiUrl, env: {}, certificate: tls });
    await client.createLog(entry);
    const url = `${plane.apiUrl}/logs/streams/d1/run-auth`;
    expect(await new RecordingSocket(url).refused()).toEqual({
      status: 401,
      body: JSON.stringify({ error: 'missing Authorization header' }),
    });
    const headers = await certificateJwtAuthorizer(tls)({ method: 'GET', url, headers: {} });
    const socket = await new RecordingSocket(url, [], { headers }).opened();
    await waitFor('the replay', async () => socket.frames[0]);
    expect(socket.frames).toEqual([JSON.stringify(entry)]);
    socket.socket.terminate();
    for await (const followed of client.followDriverLogs('d1', 'run-auth', { transport: 'websocket' })) {
      expect(followed).toEqual(entry);
      break;
    }
    const anonymous = new ConveyorClient({ apiUrl: plane.apiUrl, env: {} });
    await expect(
      anonymous.followDriverLogs('d1', 'run-auth', { transport: 'websocket' }).next(),
    ).rejects.toMatchObject({ status: 401, serverMessage: 'missing Authorization header' });
  });
});
