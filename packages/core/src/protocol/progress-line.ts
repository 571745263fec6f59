/** A reconcile's progress: how much is done (0..1) and what it is doing. */
export interface Progress {
  fraction: number;
  note?: string;
}

/**
 * Progress travels as an ordinary log line, `[progress 42%] cloning repository`: a server that knows
 * nothing of it stores and shows it like any other line (wire-compatible), and anyone reading it
 * understands it. The control plane, the CLI and the dashboard recognise the prefix.
 */
const PATTERN = /^\[progress (\d{1,3}(?:\.\d)?)%\](?: (.*))?$/s;

export function formatProgressLine({ fraction, note }: Progress): string {
  const percent = Math.round(Math.min(1, Math.max(0, fraction)) * 1000) / 10;
  return note ? `[progress ${percent}%] ${note}` : `[progress ${percent}%]`;
}

/** The progress a log line reports, or undefined for any other line. */
export function parseProgressLine(message: string): Progress | undefined {
  const match = PATTERN.exec(message);
  if (!match) return undefined;
  const percent = Number(match[1]);
  if (percent > 100) return undefined;
  return match[2] ? { fraction: percent / 100, note: match[2] } : { fraction: percent / 100 };
}

/** Why a fraction cannot be progress, or undefined when it can. */
export function progressProblem(fraction: unknown): string | undefined {
  return typeof fraction === 'number' && fraction >= 0 && fraction <= 1
    ? undefined
    : `progress() needs a fraction from 0 to 1, got ${typeof fraction === 'number' ? fraction : JSON.stringify(fraction)}`;
}
