import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { ConveyorApiError, ConveyorClient } from '@conveyor-ts/core';
import { QuirkyServer } from './quirky-server';

jest.setTimeout(30_000);

/** The client's WebSocket transport against the log streams of other server versions (protocol §5). */
describe('ConveyorClient following logs over WebSocket on other servers', () => {
  it('reads the [ts,msg] frames of a v0.2–v0.4 server, with run and driver from the route', async () => {
    const legacy = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    const paths: string[] = [];
    legacy.on('connection', (socket, req) => {
      paths.push(req.url ?? '');
      socket.send(JSON.stringify(['1767225600', 'stored']));
      socket.send(JSON.stringify(['1767225601', 'live']));
    });
    try {
      await once(legacy, 'listening');
      const { port } = legacy.address() as AddressInfo;
      const client = new ConveyorClient({ apiUrl: `http://127.0.0.1:${port}`, env: {} });
      const seen = [];
      for await (const entry of client.followDriverLogs('git-cloner', 'run-1', { transport: 'websocket' })) {
        seen.push(entry);
        if (seen.length === 2) break;
      }
      expect(paths).toEqual(['/logs/streams/git-cloner/run-1']);
      expect(seen).toEqual([
        { runid: 'run-1', driver: 'git-cloner', pipeline: '', timestamp: '1767225600', message: 'stored' },
        { runid: 'run-1', driver: 'git-cloner', pipeline: '', timestamp: '1767225601', message: 'live' },
      ]);
    } finally {
      await new Promise((resolve) => legacy.close(resolve));
    }
  });

  it('fails at once, saying so, on a v0.5.0+ server that answers the route with SSE', async () => {
    const server = await QuirkyServer.start();
    server.handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(': heartbeat\n\n'); // and never ends, as the Go server's stream
    };
    try {
      const client = new ConveyorClient({ apiUrl: server.url, env: {} });
      const follow = client.followRunLogs('run-1', { transport: 'websocket', reconnect: true });
      const error = (await follow.next().catch((e: unknown) => e)) as ConveyorApiError;
      expect(error).toBeInstanceOf(ConveyorApiError);
      expect([error.status, error.serverMessage]).toEqual([200, expect.stringContaining('SSE only')]);
    } finally {
      await server.stop();
    }
  });
});
