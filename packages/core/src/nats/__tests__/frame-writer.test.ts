import type { NatsConnection } from 'nats';
import { FrameWriter } from '../frame-writer';

/** A connection whose protocol handler records the frames written to it. */
function fakeConnection(state: { closed?: boolean; draining?: boolean } = {}) {
  const written: string[] = [];
  const protocol = {
    noMorePublishing: state.draining ?? false,
    outMsgs: 0,
    outBytes: 0,
    sendCommand: (frame: Uint8Array) => void written.push(Buffer.from(frame).toString()),
  };
  const connection = { protocol, info: { max_payload: 30 }, isClosed: () => state.closed ?? false };
  return { written, protocol, writer: new FrameWriter(connection as unknown as NatsConnection) };
}

describe('FrameWriter', () => {
  it('writes a batch as one chunk and counts it as nats.js counts its publishes', () => {
    const { written, protocol, writer } = fakeConnection();
    const refused: string[] = [];
    writer.write(
      [
        { subject: 'a', data: 'one' },
        { subject: 'a', data: 'x'.repeat(31) },
        { subject: 'b', data: 'two', headers: { k: 'v' } },
      ],
      '',
      (why) => refused.push(why),
    );
    expect(written).toEqual(['PUB a 3\r\none\r\nHPUB b 18 21\r\nNATS/1.0\r\nk: v\r\n\r\ntwo\r\n']);
    expect(refused).toEqual([`a message of 31 bytes to "a" is above the server's max_payload of 30 bytes`]);
    expect(protocol).toMatchObject({ outMsgs: 2, outBytes: 3 + 21 });
  });

  it('refuses a whole batch while the connection drains, writing nothing', () => {
    const { written, writer } = fakeConnection({ draining: true });
    const refused: string[] = [];
    writer.write(
      [
        { subject: 'a', data: 'one' },
        { subject: 'b', data: 'two' },
      ],
      'r',
      (why) => refused.push(why),
    );
    expect(refused).toEqual(['the connection is draining', 'the connection is draining']);
    expect(written).toEqual([]);
  });

  it('writes nothing when every message was refused, a message without a subject among them', () => {
    const { written, writer } = fakeConnection();
    const refused: string[] = [];
    writer.write(
      [
        { subject: 'a', data: 'x'.repeat(31) },
        { subject: '', data: 'x' },
      ],
      '',
      (why) => refused.push(why),
    );
    expect(written).toEqual([]);
    expect(refused[1]).toBe('a message without a subject');
  });
});
