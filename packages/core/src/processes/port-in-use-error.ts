/** Matches Go's bind error for a taken port, whichever listener (client, route, monitor) hit it. */
const BIND_IN_USE = /listen tcp [^\s]*:(\d+): bind: address already in use/;

/** A server could not listen on `port` because another socket holds it. */
export class PortInUseError extends Error {
  constructor(
    readonly port: number,
    message: string,
  ) {
    super(message);
    this.name = 'PortInUseError';
  }
}

/** The port a server's output says it could not bind, if that is why it stopped. */
export function portInUse(output: string): number | undefined {
  const match = BIND_IN_USE.exec(output);
  return match ? Number(match[1]) : undefined;
}
