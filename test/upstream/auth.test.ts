import { join } from 'node:path';
import {
  certificateJwtAuthorizer,
  ConveyorApiError,
  ConveyorClient,
  openNatsConnection,
  stepResultKey,
  type Resource,
} from '@conveyor-ts/core';
import { Driver, Payload, Reconcile } from '@conveyor-ts/decorators';
import { eventually } from '../manager/support/manager-harness';
import { describeUpstream, upstreamTools } from './support/upstream-tools';
import { pipelineOf, startUpstreamFixture, type UpstreamFixture } from './support/upstream-fixture';
import { makeCertificates, type UpstreamKeyType, type UpstreamServer } from './support/upstream-server';

jest.setTimeout(90_000);

@Driver({ name: 'guarded', resources: ['vault'] })
class Guarded {
  @Reconcile()
  reconcile(@Payload() vault: Resource) {
    return { success: true, message: `opened ${vault.name}` };
  }
}

/** The status and body of a refused call. */
async function refusal(call: Promise<unknown>): Promise<string> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ConveyorApiError)) throw new Error(`expected a refusal, got ${String(error)}`);
  return `${error.status} ${error.body}`;
}

/**
 * Auth on (`api.auth_enabled`): drivers over NATS mutual TLS and the API with a certificate-bound JWT
 * for each key type the server's certificates come in, and the real server's refusals.
 */
describeUpstream('auth on the real Conveyor server', () => {
  describe.each<[UpstreamKeyType]>([['rsa'], ['ec256'], ['ec384']])('with %s keys', (keyType) => {
    let fx: UpstreamFixture;
    let server: UpstreamServer;
    let client: ConveyorClient;

    beforeAll(async () => {
      fx = await startUpstreamFixture({ drivers: [Guarded], auth: keyType });
      ({ server, client } = fx);
    });
    afterAll(() => fx?.stop());

    it('a pipeline runs: the API takes the JWT, the driver works over mutual TLS', async () => {
      await client.applyResourceDefinition({ name: 'vault', schema: {} });
      await client.createPipeline(pipelineOf('vaults', 'vault', ['guarded']));
      await client.createResource({ name: 'v1', resource: 'vault', pipeline: 'vaults', spec: {} });
      await eventually('the result stored', async () => {
        const { metadata } = await client.getResource('vault', 'v1');
        return metadata?.[stepResultKey('guarded')] !== undefined;
      });
      expect(
        JSON.parse((await client.getResource('vault', 'v1')).metadata![stepResultKey('guarded')]),
      ).toEqual({
        success: true,
        message: 'opened v1',
        data: null,
        driver: 'guarded',
      });
    });

    it('refuses a request without a token, with an expired token, and from another CA', async () => {
      const anonymous = new ConveyorClient({ apiUrl: server.apiUrl });
      expect(await refusal(anonymous.getResourceDefinition('vault'))).toBe(
        '401 {"error":"missing Authorization header"}',
      );
      // /health is on the server's skip list.
      await expect(anonymous.health()).resolves.toMatchObject({ status: 'healthy' });

      // Signed ten minutes ago with the usual two-minute lifetime; the server answers "invalid token", not §3.9's "token expired".
      const expired = new ConveyorClient({
        apiUrl: server.apiUrl,
        authorize: certificateJwtAuthorizer({ ...server.identity!, now: () => Date.now() - 10 * 60_000 }),
      });
      expect(await refusal(expired.getResourceDefinition('vault'))).toBe('401 {"error":"invalid token"}');

      const strangerDir = await makeCertificates(
        upstreamTools().recipe,
        join(server.dataDir, '..', 'stranger'),
        keyType,
      );
      const stranger = {
        certFile: join(strangerDir, 'client.crt'),
        keyFile: join(strangerDir, 'client.key'),
      };
      const foreign = new ConveyorClient({ apiUrl: server.apiUrl, certificate: stranger });
      expect(await refusal(foreign.getResourceDefinition('vault'))).toBe('401 {"error":"invalid token"}');

      // NATS: no certificate, or one from another CA, is turned away during the TLS handshake.
      const nats = (tls?: { certFile: string; keyFile: string; caFile: string }) =>
        openNatsConnection({
          servers: [server.natsUrl],
          tls,
          extra: { maxReconnectAttempts: 0, timeout: 5_000 },
        });
      await expect(nats()).rejects.toThrow();
      await expect(nats({ ...stranger, caFile: server.identity!.caFile })).rejects.toThrow();
      const ok = await nats(server.identity);
      await ok.close();
    });
  });
});
