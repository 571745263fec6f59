/** Resolves with the first SIGINT or SIGTERM, and removes its listeners. */
export function waitForShutdownSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolveSignal) => {
    const on = (signal: NodeJS.Signals): void => {
      process.off('SIGINT', on).off('SIGTERM', on);
      resolveSignal(signal);
    };
    process.on('SIGINT', on).on('SIGTERM', on);
  });
}
