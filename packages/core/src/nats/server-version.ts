import { MIN_NATS_SERVER_VERSION } from '../constants';

/** The server cannot host Conveyor's driver consumers (multi-subject filters need 2.10, protocol §2.4). */
export class UnsupportedServerError extends Error {
  override readonly name = 'UnsupportedServerError';
}

/** Throws unless `version` (as the server reports it, e.g. "2.11.4") is at least 2.10. */
export function assertServerSupportsFilterSubjects(version: string | undefined): void {
  const match = /^v?(\d+)\.(\d+)/.exec(version ?? '');
  const { major, minor } = MIN_NATS_SERVER_VERSION;
  const required = `${major}.${minor}`;
  if (!match) {
    throw new UnsupportedServerError(
      `nats-server reported version "${version ?? ''}", which cannot be read; driver consumers need nats-server >= ${required}`,
    );
  }
  const [got, gotMinor] = [Number(match[1]), Number(match[2])];
  if (got < major || (got === major && gotMinor < minor)) {
    throw new UnsupportedServerError(
      `nats-server ${version} is too old: driver consumers filter on several subjects, which needs nats-server >= ${required} (protocol §2.4)`,
    );
  }
}
