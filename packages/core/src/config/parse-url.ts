import { ConfigError } from './config-error';

/** Parses a URL whose scheme must be one of `schemes`, naming `source` in any error. */
export function parseUrl(source: string, value: string, schemes: readonly string[]): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(source, value, `not a URL (expected for example ${schemes[0]}://host:port)`);
  }
  const scheme = url.protocol.slice(0, -1);
  if (!schemes.includes(scheme)) {
    throw new ConfigError(source, value, `scheme must be one of ${schemes.join(', ')}, got "${scheme}"`);
  }
  if (!url.hostname) throw new ConfigError(source, value, 'has no host');
  return value.replace(/\/+$/, '');
}

/** Parses a TCP port number (1-65535), naming `source` in any error. */
export function parsePort(source: string, value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port < 1 || port > 65535) {
    throw new ConfigError(source, value, 'not a TCP port (an integer from 1 to 65535)');
  }
  return port;
}
