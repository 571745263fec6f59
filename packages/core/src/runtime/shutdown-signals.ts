const SIGNALS = ['SIGTERM', 'SIGINT'] as const;
const EXIT_CODES: Record<(typeof SIGNALS)[number], number> = { SIGTERM: 143, SIGINT: 130 };

/**
 * On the first SIGTERM/SIGINT runs `shutdown` and exits 0 once it resolves (1 if it failed); a
 * second signal exits at once with the conventional code. Returns the function that unhooks it.
 */
export function onShutdownSignal(shutdown: () => Promise<void>): () => void {
  let received = false;
  const handler = (signal: (typeof SIGNALS)[number]): void => {
    if (received) process.exit(EXIT_CODES[signal]);
    received = true;
    shutdown().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  for (const signal of SIGNALS) process.on(signal, handler);
  return () => {
    for (const signal of SIGNALS) process.off(signal, handler);
  };
}
