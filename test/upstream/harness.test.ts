import { ConveyorClient } from '@conveyor-ts/core';
import { connect } from 'nats';
import { describeUpstream } from './support/upstream-tools';
import { startUpstreamServer, type UpstreamServer } from './support/upstream-server';

describeUpstream('the upstream harness', () => {
  let server: UpstreamServer;
  afterEach(() => server?.stop());

  it('starts a real server on free ports with its three streams, and stops it', async () => {
    server = await startUpstreamServer();
    const health = await new ConveyorClient({ apiUrl: server.apiUrl }).health();
    expect(health).toMatchObject({ status: 'healthy' });
    const nc = await connect({ servers: server.natsUrl });
    const streams = await (await nc.jetstreamManager()).streams.names().next();
    await nc.close();
    expect(streams.sort()).toEqual(['logs-engine', 'messages', 'pipeline-engine']);
    await server.stop();
    await expect(fetch(`${server.apiUrl}/health`)).rejects.toThrow();
  }, 60_000);
});
