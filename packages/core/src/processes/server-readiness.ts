import type { ChildProcess } from 'node:child_process';
import { stopProcessGroup } from './process-group';
import { PortInUseError, portInUse } from './port-in-use-error';

const READY = /Server is ready/;
/** A cluster node says "ready" before it binds its route port (and exits if that fails): wait for both. */
const ROUTES_LISTENING = /Listening for route connections on/;

export interface ReadinessOptions {
  /** The server joins a cluster, so it is ready only once it listens for routes too. */
  clustered: boolean;
  timeoutMs: number;
  /** Prefixes every failure, naming the binary and port. */
  describe: string;
}

/**
 * Resolves once a just-spawned nats-server serves; rejects with its output if it exits first or
 * takes longer than `timeoutMs`, and kills it then. A taken port rejects with `PortInUseError`.
 */
export function untilServerReady(child: ChildProcess, options: ReadinessOptions): Promise<void> {
  let output = '';
  return new Promise<void>((resolveReady, reject) => {
    let ready = false;
    const fail = (why: string, port?: number): void => {
      clearTimeout(timer);
      const message = `${options.describe}: ${why}\n${output.trim()}`;
      const error = port === undefined ? new Error(message) : new PortInUseError(port, message);
      // Gone before the caller hears of it, so removing the store or retrying the port is safe.
      void stopProcessGroup(child, { signal: 'SIGKILL' })
        .catch(() => undefined)
        .then(() => reject(error));
    };
    const timer = setTimeout(() => fail(`not ready after ${options.timeoutMs} ms`), options.timeoutMs);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      if (READY.test(output) && (!options.clustered || ROUTES_LISTENING.test(output))) {
        ready = true;
        clearTimeout(timer);
        child.stdout?.off('data', onData).resume();
        child.stderr?.off('data', onData).resume();
        resolveReady();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('error', (error) => fail(`could not start: ${error.message}`));
    // 'close', not 'exit': by then every line the server wrote (its fatal error too) has been read.
    child.once('close', (code, signal) => {
      if (ready) return;
      const taken = portInUse(output);
      if (taken !== undefined) fail(`port ${taken} is already in use`, taken);
      else fail(`exited before it was ready (code ${code}, signal ${signal})`);
    });
  });
}
