import type { NatsConnection } from 'nats';
import { openNatsConnection } from '../connection';
import { openDriverTransports } from '../driver-transports';

jest.mock('../connection', () => ({
  ...jest.requireActual('../connection'),
  openNatsConnection: jest.fn(),
}));
const open = openNatsConnection as jest.MockedFunction<typeof openNatsConnection>;

/** Just what NatsTransport.close() touches. */
const fakeConnection = () => {
  let closed = false;
  let markClosed!: () => void;
  const whenClosed = new Promise<void>((resolve) => (markClosed = resolve));
  const connection = {
    isClosed: () => closed,
    closed: () => whenClosed,
    drain: jest.fn(async () => {
      closed = true;
      markClosed();
    }),
    close: jest.fn(async () => undefined),
  };
  return connection;
};

describe('openDriverTransports', () => {
  afterEach(() => open.mockReset());

  it('opens the work connection under the given name and the log connection as <name>:logs', async () => {
    const connections = [fakeConnection(), fakeConnection()];
    open.mockImplementation(async () => connections[open.mock.calls.length - 1] as unknown as NatsConnection);
    const transports = await openDriverTransports({
      servers: ['nats://a:4222'],
      name: 'builder',
      token: 't',
    });
    expect(open.mock.calls.map(([options]) => [options.name, options.servers, options.token])).toEqual([
      ['builder', ['nats://a:4222'], 't'],
      ['builder:logs', ['nats://a:4222'], 't'],
    ]);
    await transports.close();
    expect(connections.map((c) => c.drain.mock.calls.length)).toEqual([1, 1]);
  });

  it('names both after the process when no name is given', async () => {
    open.mockImplementation(async () => fakeConnection() as unknown as NatsConnection);
    await openDriverTransports({ servers: ['nats://a:4222'] });
    expect(open.mock.calls.map(([options]) => options.name)).toEqual([
      `conveyor-ts:${process.pid}`,
      `conveyor-ts:${process.pid}:logs`,
    ]);
  });

  it('closes the connection that opened when the other one fails, and throws that failure', async () => {
    const opened = fakeConnection();
    open.mockImplementation(async (options) => {
      if (options.name?.endsWith(':logs')) throw new Error('authorization violation');
      return opened as unknown as NatsConnection;
    });
    await expect(openDriverTransports({ servers: ['nats://a:4222'], name: 'x' })).rejects.toThrow(
      'authorization violation',
    );
    expect(opened.drain).toHaveBeenCalledTimes(1);
  });
});
